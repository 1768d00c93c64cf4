"""Kokoro's int8 graph rewritten, once, into float operations on the same de-quantised weights.

The int8 release quantises every activation on the fly, which costs naturalness and time; the
float graph computes with the weights the int8 file holds (so nothing is fetched), sounds
better and runs about 12% faster (benchmarks/RESULTS.md). `briefing voices prepare` derives it
and checks its hash (kokoro_model.FLOAT_SHA256).

Patterns handled (all verified against the Kokoro graph; anything else makes the
function raise instead of silently producing a wrong graph):

* MatMul::
      xq, xs, xz = DynamicQuantizeLinear(x)
      y = Mul(Cast(MatMulInteger(xq, Wq, xz, Wzp)), Mul(xs, Ws))
  ->  y = MatMul(x, (Wq - Wzp) * Ws)                 (per-column scale / zp)

* Conv without bias::
      y = Mul(Cast(ConvInteger(xq, Wq, xz, Wzp)), Mul(xs, Ws))
  ->  y = Conv(x, (Wq - Wzp) * Ws)                   (per-tensor scale / zp)

* Conv with bias (bias quantised to int32 on the fly and added before the Cast)::
      s  = Mul(xs, Ws)
      bq = Reshape(Cast<int32>(Floor(Div(B, s))), shape)
      y  = Mul(Cast(Add(ConvInteger(xq, Wq, xz, Wzp), bq)), s)
  ->  y = Conv(x, (Wq - Wzp) * Ws, B)                (original float bias B)

* com.microsoft DynamicQuantizeLSTM(X, Wq, Rq, B, seq, h0, c0, P, Ws, Wzp, Rs, Rzp)
  with Wq: [dirs, input, 4H] and Rq: [dirs, H, 4H] (per-direction scale / zp)
  ->  LSTM(X, W, R, B, seq, h0, c0, P) with W = transpose((Wq - Wzp) * Ws, (0, 2, 1))
      i.e. [dirs, 4H, input] as the ONNX LSTM expects (gate order iofc is shared).

* Gather(Tq, idx) -> DequantizeLinear(., s, zp) on a constant int8 table
  ->  Gather((Tq - zp) * s, idx)

Afterwards every node whose outputs are unused is removed (the
DynamicQuantizeLinear nodes, the on-the-fly bias quantisation chains, ...), then
unused initializers and stale value_info entries.

Determinism: the rewrite is a pure function of the input bytes (graph order is
preserved, new names are derived from old names, no timestamps/random ids) and
the result is serialised with ``SerializeToString(deterministic=True)``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import partial

import numpy as np
import onnx
from onnx import helper, numpy_helper

__all__ = ["float_graph"]

_MS_DOMAIN = "com.microsoft"


class _Graph:
    """Small index over a GraphProto: producers, consumers and initializers."""

    def __init__(self, graph: onnx.GraphProto) -> None:
        self.graph = graph
        self.inits: dict[str, onnx.TensorProto] = {t.name: t for t in graph.initializer}
        self.producer: dict[str, onnx.NodeProto] = {}
        self.consumers: dict[str, list[onnx.NodeProto]] = defaultdict(list)
        for node in graph.node:
            for o in node.output:
                if o:
                    self.producer[o] = node
            for i in node.input:
                if i:
                    self.consumers[i].append(node)
        self.graph_outputs = {o.name for o in graph.output}
        self._array_cache: dict[str, np.ndarray] = {}

    def array(self, name: str) -> np.ndarray:
        """Initializer ``name`` as a numpy array (cached)."""
        if name not in self.inits:
            raise ValueError(f"expected constant initializer, got {name!r}")
        if name not in self._array_cache:
            self._array_cache[name] = numpy_helper.to_array(self.inits[name])
        return self._array_cache[name]

    def produced_by(self, name: str, op_type: str) -> onnx.NodeProto:
        node = self.producer.get(name)
        if node is None or node.op_type != op_type:
            got = node.op_type if node is not None else "graph input/initializer"
            raise ValueError(f"{name!r}: expected producer {op_type}, got {got}")
        return node

    def sole_consumer(self, name: str, op_type: str) -> onnx.NodeProto:
        users = self.consumers.get(name, [])
        if len(users) != 1 or users[0].op_type != op_type or name in self.graph_outputs:
            raise ValueError(
                f"{name!r}: expected single {op_type} consumer, got {[u.op_type for u in users]}"
            )
        return users[0]


def _dequantize(q: np.ndarray, zero_point: np.ndarray, scale: np.ndarray, axis: int | None
                ) -> np.ndarray:
    """(q - zp) * scale in float32; ``axis`` is the per-channel axis (None = per-tensor)."""
    zp = zero_point.astype(np.float32)
    sc = scale.astype(np.float32)
    if axis is not None and sc.ndim == 1 and sc.size > 1:
        shape = [1] * q.ndim
        shape[axis] = sc.size
        zp = zp.reshape(shape) if zp.size > 1 else zp
        sc = sc.reshape(shape)
    elif sc.size != 1:
        raise ValueError(f"unsupported scale shape {sc.shape} for weight {q.shape}")
    return ((q.astype(np.float32) - zp) * sc).astype(np.float32)


def attribute(node: onnx.NodeProto, name: str, default: object = None) -> object:
    return next((helper.get_attribute_value(a) for a in node.attribute if a.name == name),
                default)


def _lstm_weights(q: np.ndarray, zero_point: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """De-quantised per direction, [dirs, in, 4H] -> [dirs, 4H, in] as ONNX's LSTM wants."""
    return np.transpose(_dequantize(q, zero_point, scale, 0), (0, 2, 1))


def _scale_of(g: _Graph, scale_mul_out: str, dql: onnx.NodeProto) -> str:
    """Check ``scale_mul_out = Mul(dql.scale, W_scale)``; return W_scale's name."""
    mul = g.produced_by(scale_mul_out, "Mul")
    a, b = mul.input
    if a == dql.output[1] and b in g.inits:
        return b
    if b == dql.output[1] and a in g.inits:
        return a
    raise ValueError(f"scale Mul {mul.name!r} is not Mul(x_scale, W_scale)")


def float_graph(int8_model_bytes: bytes) -> bytes:
    """Return the serialised float32 equivalent of a dynamically quantised model.

    Pure function: identical input bytes always give byte-identical output.
    """
    model = onnx.load_from_string(int8_model_bytes)
    graph = model.graph
    g = _Graph(graph)

    taken = set(g.inits) | set(g.producer) | {i.name for i in graph.input}
    deq_cache: dict[tuple, str] = {}

    def float_init(key: tuple, base: str, make: Callable[[], np.ndarray]) -> str:
        """Create (once per key) a float initializer derived from ``base``.

        The tensor is written straight into graph.initializer (no intermediate
        TensorProto copies) to keep the conversion's peak memory low.
        """
        if key in deq_cache:
            return deq_cache[key]
        stem = base[: -len("_quantized")] if base.endswith("_quantized") else base
        name = stem + "_f32"
        k = 1
        while name in taken:
            name = f"{stem}_f32_{k}"
            k += 1
        taken.add(name)
        arr = np.ascontiguousarray(make(), dtype=np.float32)
        t = graph.initializer.add()
        t.name = name
        t.data_type = onnx.TensorProto.FLOAT
        t.dims.extend(arr.shape)
        t.raw_data = arr.astype("<f4", copy=False).tobytes()
        deq_cache[key] = name
        return name

    # node index (in original order) -> replacement node (None = drop the node)
    replace: dict[int, onnx.NodeProto | None] = {}
    index = {id(n): i for i, n in enumerate(graph.node)}

    for i, node in enumerate(graph.node):
        op = node.op_type

        if op in ("MatMulInteger", "ConvInteger"):
            xq, wq, xzp, wzp = (list(node.input) + ["", ""])[:4]
            dql = g.produced_by(xq, "DynamicQuantizeLinear")
            if xzp != dql.output[2] or not wzp:
                raise ValueError(f"{node.name}: unexpected zero-point wiring")
            x_float = dql.input[0]
            users = g.consumers.get(node.output[0], [])
            has_bias = op == "ConvInteger" and len(users) == 1 and users[0].op_type == "Add"
            user = g.sole_consumer(node.output[0], "Add" if has_bias else "Cast")
            bias_name = ""
            if user.op_type == "Add":  # int32 bias added before de-scaling (Conv only)
                bq = user.input[1] if user.input[0] == node.output[0] else user.input[0]
                reshape = g.produced_by(bq, "Reshape")
                cast_i = g.produced_by(reshape.input[0], "Cast")
                floor = g.produced_by(cast_i.input[0], "Floor")
                div = g.produced_by(floor.input[0], "Div")
                bias_name = div.input[0]
                if bias_name not in g.inits:
                    raise ValueError(f"{node.name}: bias is not an initializer")
                cast = g.sole_consumer(user.output[0], "Cast")
                mul = g.sole_consumer(cast.output[0], "Mul")
                s_in = mul.input[1] if mul.input[0] == cast.output[0] else mul.input[0]
                if s_in != div.input[1]:
                    raise ValueError(f"{node.name}: bias scale differs from output scale")
                drop = [user, cast, mul]
            else:
                cast = user
                mul = g.sole_consumer(cast.output[0], "Mul")
                s_in = mul.input[1] if mul.input[0] == cast.output[0] else mul.input[0]
                drop = [cast, mul]
            w_scale = _scale_of(g, s_in, dql)
            w_q = g.array(wq)
            # MatMul weight [K, N]: a scale per column (axis 1); Conv weight [M, C, k]: per
            # output channel (axis 0).
            axis = 1 if op == "MatMulInteger" else 0
            w_name = float_init(("w", wq, wzp, w_scale), wq,
                                partial(_dequantize, w_q, g.array(wzp), g.array(w_scale), axis))
            if op == "MatMulInteger":
                new = helper.make_node("MatMul", [x_float, w_name], [mul.output[0]],
                                       name=node.name.replace("_quant", "") + "_float")
            else:
                ins = [x_float, w_name] + ([bias_name] if bias_name else [])
                new = helper.make_node("Conv", ins, [mul.output[0]],
                                       name=node.name.replace("_quant", "") + "_float")
                new.attribute.extend(node.attribute)  # same pads/strides/dilations/group/...
            replace[i] = new
            for d in drop:
                replace[index[id(d)]] = None

        elif op == "DynamicQuantizeLSTM" and node.domain == _MS_DOMAIN:
            ins = list(node.input) + [""] * (12 - len(node.input))
            x, wq, rq, b, seq, h0, c0, p, ws, wzp, rs, rzp = ins
            wq_a, rq_a = g.array(wq), g.array(rq)
            hidden = attribute(node, "hidden_size")
            dirs = wq_a.shape[0]
            if wq_a.shape[2] != 4 * hidden or rq_a.shape[1:] != (hidden, 4 * hidden):
                raise ValueError(f"{node.name}: unexpected W/R layout {wq_a.shape} {rq_a.shape}")
            if g.array(ws).shape != (dirs,) or g.array(rs).shape != (dirs,):
                raise ValueError(f"{node.name}: expected per-direction scales")
            # De-quantise per direction, then [dirs, in, 4H] -> [dirs, 4H, in].
            w_name = float_init(("lstmW", wq, wzp, ws), wq,
                                partial(_lstm_weights, wq_a, g.array(wzp), g.array(ws)))
            r_name = float_init(("lstmR", rq, rzp, rs), rq,
                                partial(_lstm_weights, rq_a, g.array(rzp), g.array(rs)))
            lstm_in = [x, w_name, r_name, b, seq, h0, c0, p]
            while lstm_in and not lstm_in[-1]:
                lstm_in.pop()
            new = helper.make_node("LSTM", lstm_in, list(node.output),
                                   name=node.name.replace("_quant", "") + "_float")
            new.attribute.extend(node.attribute)  # direction, hidden_size, input_forget
            replace[i] = new

        elif op == "DequantizeLinear":
            xq, s, zp = (list(node.input) + ["", ""])[:3]
            axis = attribute(node, "axis", 1)
            if xq in g.inits:  # DequantizeLinear(const) -> const
                graph.initializer.append(numpy_helper.from_array(
                    _dequantize(g.array(xq), g.array(zp) if zp else np.zeros(1), g.array(s), axis),
                    node.output[0]))
                replace[i] = None
            else:  # Gather(const int8 table, idx) -> DequantizeLinear
                gather = g.produced_by(xq, "Gather")
                table = gather.input[0]
                if g.array(s).size != 1 or len(g.consumers[xq]) != 1:
                    raise ValueError(f"{node.name}: unsupported DequantizeLinear pattern")
                t_name = float_init(("tbl", table, zp, s), table, partial(
                    _dequantize, g.array(table), g.array(zp) if zp else np.zeros(1),
                    g.array(s), None))
                new = helper.make_node("Gather", [t_name, gather.input[1]], [node.output[0]],
                                       name=gather.name + "_float")
                new.attribute.extend(gather.attribute)
                replace[i] = new
                replace[index[id(gather)]] = None

    # ---- assemble the node list in the original (topological) order ----
    nodes: list[onnx.NodeProto] = []
    for i, node in enumerate(graph.node):
        if i in replace:
            if replace[i] is not None:
                nodes.append(replace[i])
        else:
            nodes.append(node)

    # ---- dead-code elimination (reverse sweep keeps it one pass) ----
    live = {o.name for o in graph.output}
    kept: list[onnx.NodeProto] = []
    for node in reversed(nodes):
        if any(o in live for o in node.output if o):
            kept.append(node)
            live.update(i for i in node.input if i)
    kept.reverse()
    # Subgraph attributes (If/Loop) would need their outer-scope names too; Kokoro has none.
    if any(a.type in (onnx.AttributeProto.GRAPH, onnx.AttributeProto.GRAPHS)
           for n in kept for a in n.attribute):
        raise ValueError("subgraphs are not supported")
    for op in ("MatMulInteger", "ConvInteger", "DynamicQuantizeLinear", "DynamicQuantizeLSTM"):
        if any(n.op_type == op for n in kept):
            raise ValueError(f"{op} left in the graph")

    del graph.node[:]
    graph.node.extend(kept)

    # ---- initializers: drop unused ones in place (originals, then new ones as created) ----
    for j in reversed(range(len(graph.initializer))):
        if graph.initializer[j].name not in live:
            del graph.initializer[j]

    # ---- value_info: drop entries of tensors that no longer exist ----
    produced = {o for n in kept for o in n.output}
    vis = [v for v in graph.value_info if v.name in produced]
    del graph.value_info[:]
    graph.value_info.extend(vis)

    return model.SerializeToString(deterministic=True)

