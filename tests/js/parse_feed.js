// Parses a podcast feed file with Podcast Index's parser and prints it as JSON.
// Usage: node parse_feed.js FEED.xml
"use strict";

process.env.LOG = process.env.LOG || "silent";
const fs = require("fs");
const { parseFeed } = require("podcast-partytime");

const xml = fs.readFileSync(process.argv[2], "utf8");
const feed = parseFeed(xml, { allowMissingGuid: false });
if (!feed) {
  process.stderr.write("podcast-partytime could not parse the feed\n");
  process.exit(1);
}
process.stdout.write(JSON.stringify(feed, null, 2) + "\n");
