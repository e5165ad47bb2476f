using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hebb.Optimizers;

/// <summary>An optimiser's update rule on one vector of a parameter's values, its gradient and up to two
/// per-parameter buffers (a buffer the rule does not have is zero and its result ignored).</summary>
internal interface IParameterUpdate
{
    void Apply(ref Vector<float> value, Vector<float> gradient, ref Vector<float> first, ref Vector<float> second);
}

/// <summary>
/// Runs an <see cref="IParameterUpdate"/> over a whole parameter in one pass, vector by vector: each value, its
/// gradient and its buffers are read once and written once. The tail shorter than a vector goes through the same
/// rule on copies padded on the stack, so every value gets exactly the same arithmetic.
/// </summary>
internal static class ParameterUpdate
{
    public static void Run<TUpdate>(in TUpdate update, Span<float> value, ReadOnlySpan<float> gradient, Span<float> first, Span<float> second)
        where TUpdate : struct, IParameterUpdate
    {
        int length = value.Length;
        if (gradient.Length != length || (first.Length != 0 && first.Length != length) || (second.Length != 0 && second.Length != length))
            throw new ArgumentException($"a parameter of {length} values with a gradient of {gradient.Length} and buffers of {first.Length} and {second.Length}");
        // One loop per set of buffers, so that the loop holds no test of which buffers there are (with the tests, Adam's
        // update took twice as long on this machine's Zen 3).
        if (first.Length != 0 && second.Length != 0) Loop<TUpdate, BothBuffers>(update, value, gradient, first, second);
        else if (first.Length != 0) Loop<TUpdate, FirstBuffer>(update, value, gradient, first, second);
        else if (second.Length != 0) Loop<TUpdate, SecondBuffer>(update, value, gradient, first, second);
        else Loop<TUpdate, NoBuffer>(update, value, gradient, first, second);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Loop<TUpdate, TBuffers>(TUpdate update, Span<float> value, ReadOnlySpan<float> gradient, Span<float> first, Span<float> second)
        where TUpdate : struct, IParameterUpdate where TBuffers : struct, IBufferSet
    {
        int length = value.Length, width = Vector<float>.Count;
        ref float values = ref MemoryMarshal.GetReference(value);
        ref float gradients = ref MemoryMarshal.GetReference(gradient);
        ref float firsts = ref MemoryMarshal.GetReference(first);
        ref float seconds = ref MemoryMarshal.GetReference(second);
        int i = 0;
        for (; i <= length - width; i += width)
        {
            var v = Vector.LoadUnsafe(ref values, (nuint)i);
            var a = TBuffers.HasFirst ? Vector.LoadUnsafe(ref firsts, (nuint)i) : Vector<float>.Zero;
            var b = TBuffers.HasSecond ? Vector.LoadUnsafe(ref seconds, (nuint)i) : Vector<float>.Zero;
            update.Apply(ref v, Vector.LoadUnsafe(ref gradients, (nuint)i), ref a, ref b);
            v.StoreUnsafe(ref values, (nuint)i);
            if (TBuffers.HasFirst) a.StoreUnsafe(ref firsts, (nuint)i);
            if (TBuffers.HasSecond) b.StoreUnsafe(ref seconds, (nuint)i);
        }
        if (i < length)
            Tail(update, value[i..], gradient[i..], TBuffers.HasFirst ? first[i..] : default, TBuffers.HasSecond ? second[i..] : default);
    }

    /// <summary>Which buffers a parameter has, as constants the JIT folds into each loop.</summary>
    private interface IBufferSet
    {
        static abstract bool HasFirst { get; }
        static abstract bool HasSecond { get; }
    }

    private readonly struct BothBuffers : IBufferSet
    {
        public static bool HasFirst => true;
        public static bool HasSecond => true;
    }

    private readonly struct FirstBuffer : IBufferSet
    {
        public static bool HasFirst => true;
        public static bool HasSecond => false;
    }

    private readonly struct SecondBuffer : IBufferSet
    {
        public static bool HasFirst => false;
        public static bool HasSecond => true;
    }

    private readonly struct NoBuffer : IBufferSet
    {
        public static bool HasFirst => false;
        public static bool HasSecond => false;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Tail<TUpdate>(in TUpdate update, Span<float> value, ReadOnlySpan<float> gradient, Span<float> first, Span<float> second)
        where TUpdate : struct, IParameterUpdate
    {
        int width = Vector<float>.Count;
        Span<float> lanes = stackalloc float[4 * width];
        lanes.Clear();
        Span<float> v = lanes[..width], g = lanes.Slice(width, width), a = lanes.Slice(2 * width, width), b = lanes.Slice(3 * width, width);
        value.CopyTo(v);
        gradient.CopyTo(g);
        first.CopyTo(a);
        second.CopyTo(b);
        var vv = new Vector<float>(v);
        var aa = new Vector<float>(a);
        var bb = new Vector<float>(b);
        update.Apply(ref vv, new Vector<float>(g), ref aa, ref bb);
        vv.CopyTo(v);
        aa.CopyTo(a);
        bb.CopyTo(b);
        v[..value.Length].CopyTo(value);
        if (!first.IsEmpty) a[..first.Length].CopyTo(first);
        if (!second.IsEmpty) b[..second.Length].CopyTo(second);
    }
}
