"""PyTorch reference for vidseg's GPU benchmark.

Builds a torch module from a vidseg graph (the backend-neutral IR of @vidseg/models, written as
JSON `{"name", "numClasses", "graph"}` by the GPU benchmark bundle), so PyTorch runs exactly the
architecture tfjs trains, and times SGD training steps (fp32, TF32 off) on the GPU.

usage: python3 torch_graph.py model.json [more.json ...] --batch 8 --height 512 --width 1024 --steps 20 [--out results.jsonl]

One step: forward in train mode, cross-entropy on random labels, backward, SGD (momentum 0.9, weight
decay 1e-4), as the tfjs benchmark (packages/backend-tfjs/bench/gpu/train-steps.ts); each timed step
ends with torch.cuda.synchronize(). Prints one JSON line per model (msPerStep is the median).
"""
import argparse
import json
import time

import torch
import torch.nn.functional as F


def key(name):
    return name.replace(".", "__")


class GraphModule(torch.nn.Module):
    def __init__(self, graph):
        super().__init__()
        self.graph = graph
        self.weights = torch.nn.ParameterDict()
        for p in graph["params"]:
            shape = p["shape"]
            init = p["init"]
            if init["kind"] == "constant":
                tensor = torch.full(shape, float(init["value"]))
            else:
                tensor = torch.randn(shape) * (2.0 / init["fanIn"]) ** 0.5
            if p["trainable"]:
                self.weights[key(p["name"])] = torch.nn.Parameter(tensor)
            else:
                self.register_buffer(key(p["name"]), tensor)

    def param(self, node, role):
        name = node["params"].get(role)
        if name is None:
            return None
        k = key(name)
        return self.weights[k] if k in self.weights else getattr(self, k)

    def forward(self, image):
        values = {self.graph["inputs"][0]["name"]: image}
        for node in self.graph["nodes"]:
            s = node["spec"]
            xs = [values[i] for i in node["inputs"]]
            x = xs[0]
            op = s["op"]
            if op == "conv2d":
                y = F.conv2d(x, self.param(node, "weight"), self.param(node, "bias"), s["stride"], s["padding"], s["dilation"], s["groups"])
            elif op == "convTranspose2d":
                y = F.conv_transpose2d(x, self.param(node, "weight"), self.param(node, "bias"), s["stride"], s["padding"], s["outputPadding"])
            elif op == "batchNorm":
                y = F.batch_norm(x, self.param(node, "runningMean"), self.param(node, "runningVar"), self.param(node, "weight"),
                                 self.param(node, "bias"), self.training, s["momentum"], s["eps"])
            elif op == "relu":
                y = F.relu(x)
            elif op == "relu6":
                y = F.relu6(x)
            elif op == "prelu":
                y = F.prelu(x, self.param(node, "weight"))
            elif op == "sigmoid":
                y = torch.sigmoid(x)
            elif op == "tanh":
                y = torch.tanh(x)
            elif op == "add":
                y = xs[0]
                for other in xs[1:]:
                    y = y + other
            elif op == "mul":
                y = xs[0]
                for other in xs[1:]:
                    y = y * other
            elif op == "concat":
                y = torch.cat(xs, 1)
            elif op == "avgPool2d":
                y = F.avg_pool2d(x, s["kernel"], s["stride"], s["padding"], count_include_pad=s["countIncludePad"])
            elif op == "maxPool2d":
                y = F.max_pool2d(x, s["kernel"], s["stride"], s["padding"])
            elif op == "globalAvgPool":
                y = F.adaptive_avg_pool2d(x, 1)
            elif op == "adaptiveAvgPool2d":
                y = F.adaptive_avg_pool2d(x, s["bins"])
            elif op == "resizeBilinear":
                t = s["target"]
                mode = s["coordinateMode"]
                if mode == "asymmetric":
                    raise ValueError("asymmetric resize has no F.interpolate equivalent")
                align = mode == "align-corners"
                if "like" in t:
                    y = F.interpolate(x, size=xs[1].shape[2:], mode="bilinear", align_corners=align)
                elif "size" in t:
                    y = F.interpolate(x, size=t["size"], mode="bilinear", align_corners=align)
                else:
                    y = F.interpolate(x, scale_factor=t["scale"], mode="bilinear", align_corners=align)
            elif op == "dropout":
                y = F.dropout(x, s["rate"], self.training)
            elif op == "identity":
                y = x
            else:
                raise ValueError(f"unsupported op {op}")
            values[node["name"]] = y
        return values[self.graph["outputs"]["logits"]]


def measure(path, args):
    spec = json.load(open(path))
    graph = spec["graph"]
    device = torch.device("cuda")
    torch.manual_seed(0)
    model = GraphModule(graph).to(device).train()
    classes = spec["numClasses"]
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-4)
    x = torch.randn(args.batch, graph["inputs"][0]["channels"], args.height, args.width, device=device)
    labels = torch.randint(0, classes, (args.batch, args.height, args.width), device=device)

    def step():
        optimizer.zero_grad(set_to_none=True)
        logits = model(x)
        if logits.shape[2:] != labels.shape[1:]:
            logits = F.interpolate(logits, size=labels.shape[1:], mode="bilinear", align_corners=False)
        loss = F.cross_entropy(logits, labels)
        loss.backward()
        optimizer.step()
        return loss

    torch.cuda.reset_peak_memory_stats()
    for _ in range(args.warmup):
        step()
    torch.cuda.synchronize()
    times = []
    for _ in range(args.steps):
        start = time.perf_counter()
        loss = step()
        torch.cuda.synchronize()
        times.append((time.perf_counter() - start) * 1000)
        if not torch.isfinite(loss):
            raise RuntimeError(f"loss {loss.item()}")
    times.sort()
    median = times[len(times) // 2]
    return {"model": spec["name"], "engine": "pytorch-fp32", "device": torch.cuda.get_device_name(0), "batch": args.batch,
            "height": args.height, "width": args.width, "mode": "step", "msPerStep": median,
            "imagesPerSecond": args.batch * 1000 / median, "stepsMs": [round(t, 2) for t in times],
            "trainableParams": sum(p.numel() for p in model.parameters() if p.requires_grad),
            "peakMemoryGB": torch.cuda.max_memory_allocated() / 1e9, "torch": torch.__version__, "tf32": False}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("graphs", nargs="+")
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--height", type=int, default=512)
    parser.add_argument("--width", type=int, default=1024)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--out", default="")
    args = parser.parse_args()
    torch.backends.cudnn.benchmark = True
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    for path in args.graphs:
        try:
            result = measure(path, args)
        except Exception as error:  # one model failing (e.g. out of memory) must not hide the others
            result = {"model": path, "engine": "pytorch-fp32", "error": str(error).splitlines()[0]}
        torch.cuda.empty_cache()
        line = json.dumps(result)
        print(line, flush=True)
        if args.out:
            with open(args.out, "a") as f:
                f.write(line + "\n")


if __name__ == "__main__":
    main()
