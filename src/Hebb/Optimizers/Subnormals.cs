using System.Numerics;
using System.Runtime.CompilerServices;

namespace Hebb.Optimizers;

/// <summary>
/// Flushing a moving average's subnormal values to zero. A buffer that decays by a factor (Adam's moments, β₁ = 0.9;
/// SGD's momentum buffer; RMSProp's averages) while its gradient is zero goes subnormal and never reaches zero: 0.9 times a few units of the last place rounds
/// back to the same units. Arithmetic on subnormals takes a slow path on x86 (Adam's update ran 3.3 times slower with
/// a third of its values subnormal, on this machine's Zen), and .NET cannot set the FPU's flush-to-zero mode. A
/// subnormal moment is below 1.2e-38: flushing it moves a weight by at most η·1.2e-38/ε (1e-32 at PyTorch's defaults),
/// under the last place of any weight above 1e-24 (SGD's buffer: by η·1.2e-38; under a root beside ε, RMSProp's average
/// changes nothing), and nothing next to the 1e-5 that the golden tests allow against PyTorch (which keeps them).
/// </summary>
internal static class Subnormals
{
    /// <summary><paramref name="values"/> with every subnormal lane set to zero: those whose exponent bits are all zero,
    /// found with integer operations alone.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Flushed(Vector<float> values)
    {
        var bits = values.As<float, int>();
        // A constant, not a static field: the JIT then tests no class initialisation in the loop.
        var normal = ~Vector.Equals(bits & new Vector<int>(0x7F80_0000), Vector<int>.Zero);
        return (bits & normal).As<int, float>();
    }
}
