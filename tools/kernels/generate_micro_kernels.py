#!/usr/bin/env python3
"""Writes Hebb's GEMM micro-kernels (src/Hebb/Tensors/Kernels/*MicroKernel.cs) from one template.

The three kernels differ only in vector type, tile height and lane count; each must spell out its
accumulators as named locals, because the JIT keeps locals in registers but never the elements of an
array. So they are generated, not written by hand: edit this file and run it from the repository root:

    python3 tools/kernels/generate_micro_kernels.py
"""
import os

KERNELS = [
    # name, vector type, rows, lanes (0: Vector<float>.Count), summary, when the kernel can run
    ("Avx512MicroKernel", "Vector512", 10, 16,
     "A 10×32 tile of C in 20 AVX-512 registers: per step of k, two loads of B, ten broadcasts of A and twenty fused multiply-adds.",
     "Vector512.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Avx512F.IsSupported"),
    ("Avx2MicroKernel", "Vector256", 6, 8,
     "A 6×16 tile of C in 12 AVX2 registers (of 16): per step of k, two loads of B, six broadcasts of A and twelve fused multiply-adds.",
     "Vector256.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Fma.IsSupported"),
    ("PortableMicroKernel", "Vector", 4, 0,
     "A 4×(2 vectors) tile of C with <see cref=\"Vector{T}\"/>, for any processor .NET vectorises (ARM's NEON included).",
     "true"),
]


def step(vector, rows, vectors, lanes, second):
    """One step of k: the B vectors, then each row's broadcast of A and its multiply-adds; the second step of a
    trip reads one stride further on."""
    portable = vector == "Vector"
    load = f"{vector}.LoadUnsafe"
    fma = f"{vector}.FusedMultiplyAdd"
    broadcast = "new Vector<float>" if portable else f"{vector}.Create"
    suffix = "s" if second else ""
    lines = []
    for v in range(vectors):
        lane = f"{v} * Vector<float>.Count" if portable else f"{v * lanes}"
        at = (f"bStride + {lane}" if v else "bStride") if second else (lane if v else "")
        lines.append(f"            var b{v}{suffix} = {load}(ref b{f', (nuint)({at})' if at else ''});")
    for r in range(rows):
        at = " + ".join(x for x in (("aStride" if second else ""), (f"{r} * aRowStride" if r else "")) if x)
        lines.append(f"            var a{r}{suffix} = {broadcast}({f'Unsafe.Add(ref a, {at})' if at else 'a'});")
        lines.append("            " + " ".join(f"c{r}{v} = {fma}(a{r}{suffix}, b{v}{suffix}, c{r}{v});" for v in range(vectors)))
    return lines


def method(name, vector, rows, vectors, lanes):
    portable = vector == "Vector"
    element = f"{vector}<float>"
    load = f"{vector}.LoadUnsafe"
    fma = f"{vector}.FusedMultiplyAdd"
    broadcast = "new Vector<float>" if portable else f"{vector}.Create"

    def offset(v):
        if v == 0:
            return ""
        return f", (nuint)({v} * {element}.Count)" if portable else f", {v * lanes}"

    def row_ref(r, var):
        return f"ref float {var}{r} = ref {'c' if r == 0 else f'Unsafe.Add(ref c, {r} * ldc)'};"

    accumulators = [f"c{r}{v}" for r in range(rows) for v in range(vectors)]
    # The tile of C is wanted only after the loop: its lines are prefetched first, so that their trip from L3 or
    # memory overlaps the multiply-adds instead of stalling the first of them.
    tile_floats = vectors * (f"{element}.Count" if portable else lanes)
    prefetch = [] if portable else [
        f"        Sse.Prefetch0(Unsafe.AsPointer(ref {at}));" for r in range(rows)
        for at in (f"Unsafe.Add(ref c, {r} * ldc)", f"Unsafe.Add(ref c, {r} * ldc + {tile_floats - 1})")]
    lines = [
        "    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]",
        f"    public static {'' if portable else 'unsafe '}void {name}(int depth, ref float a, int aStride, int aRowStride, ref float b, int bStride, ref float c, int ldc, bool loadC)",
        "    {",
    ] + prefetch + [
        f"        {element} " + ", ".join(f"{x} = {element}.Zero" for x in accumulators) + ";",
        # Two steps of k per trip round the loop: half the loop's own instructions beside the multiply-adds.
        "        for (; depth >= 2; depth -= 2)", "        {"]
    lines += step(vector, rows, vectors, lanes, second=False) + step(vector, rows, vectors, lanes, second=True)
    lines += ["            a = ref Unsafe.Add(ref a, 2 * aStride);", "            b = ref Unsafe.Add(ref b, 2 * bStride);", "        }",
              "        if (depth == 1)", "        {"]
    lines += step(vector, rows, vectors, lanes, second=False)
    lines += ["        }",
              "        if (loadC)", "        {"]
    for r in range(rows):
        lines.append("            " + row_ref(r, "row"))
        lines.append("            " + " ".join(f"c{r}{v} += {load}(ref row{r}{offset(v)});" for v in range(vectors)))
    lines.append("        }")
    for r in range(rows):
        lines.append("        " + row_ref(r, "out"))
        lines.append("        " + " ".join(f"c{r}{v}.StoreUnsafe(ref out{r}{offset(v)});" for v in range(vectors)))
    lines.append("    }")
    return lines


def kernel(name, vector, rows, lanes, summary, supported):
    portable = vector == "Vector"
    lines = [
        "// Generated by tools/kernels/generate_micro_kernels.py: edit that, not this.",
        "using System.Runtime.CompilerServices;",
        "using System.Numerics;" if portable else "using System.Runtime.Intrinsics;\nusing System.Runtime.Intrinsics.X86;",
        "",
        "namespace Hebb.Tensors.Kernels;",
        "",
        f"/// <summary>{summary}</summary>",
        "// Every accumulator is a named local: the JIT keeps locals in registers, never the elements of an array.",
        f"internal readonly struct {name} : IMicroKernel",
        "{",
        f"    public static int Rows => {rows};",
        f"    public static int Columns => {'2 * Vector<float>.Count' if portable else 2 * lanes};",
        f"    public static bool IsSupported => {supported};",
        "",
    ]
    lines += method("Multiply", vector, rows, 2, lanes)
    lines.append("")
    lines += method("MultiplyNarrow", vector, rows, 1, lanes)
    lines.append("")
    lines += method("MultiplyShort", vector, (rows + 1) // 2, 2, lanes)
    lines.append("}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    folder = os.path.join("src", "Hebb", "Tensors", "Kernels")
    for name, vector, rows, lanes, summary, supported in KERNELS:
        with open(os.path.join(folder, name + ".cs"), "w", encoding="utf-8") as file:
            file.write(kernel(name, vector, rows, lanes, summary, supported))
