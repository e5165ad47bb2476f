using System.Globalization;

namespace Hebb.Benchmarks;

/// <summary>One core's float32 peak: 32 flops per cycle (two FMA pipes × 8 float lanes × 2 flops, as on Zen 4
/// with AVX-512 or AVX2, and on Intel cores with two 256-bit FMA units) times the clock.</summary>
public static class CorePeak
{
    public const int FlopsPerCycle = 32;

    private static readonly Lazy<(double Gigahertz, string Source)?> clock = new(ReadClock);

    /// <summary>GFLOP/s, or null where the clock could not be read.</summary>
    public static double? Gflops => clock.Value is { } value ? FlopsPerCycle * value.Gigahertz : null;

    public static string Description => clock.Value is { } value
        ? string.Create(CultureInfo.InvariantCulture,
            $"{FlopsPerCycle} flop/cycle x {value.Gigahertz:F3} GHz ({value.Source}) = {Gflops:F1} GFLOP/s")
        : "unknown: neither /sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq nor a 'cpu MHz' line in /proc/cpuinfo";

    /// <summary>The highest clock the kernel reports, else the current clock of the first core in /proc/cpuinfo
    /// (on virtual machines often the nominal clock, not the boost clock).</summary>
    private static (double, string)? ReadClock()
    {
        const string maxFrequency = "/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq";
        if (File.Exists(maxFrequency)
            && double.TryParse(File.ReadAllText(maxFrequency).Trim(), CultureInfo.InvariantCulture, out double kilohertz))
            return (kilohertz / 1e6, maxFrequency);

        if (!File.Exists("/proc/cpuinfo")) return null;
        foreach (var line in File.ReadLines("/proc/cpuinfo"))
        {
            var parts = line.Split(':', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0] == "cpu MHz"
                && double.TryParse(parts[1], CultureInfo.InvariantCulture, out double megahertz))
                return (megahertz / 1e3, "'cpu MHz' in /proc/cpuinfo");
        }
        return null;
    }
}
