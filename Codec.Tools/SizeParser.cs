using System.Globalization;
using System.Text.RegularExpressions;

namespace RegionCodec.Tools;

/// <summary>Parses sizes such as 12000, 50KB, 1.5MB, 64KiB (K/KB/M/MB/G/GB are powers of 1000; KiB/MiB/GiB of 1024).</summary>
internal static partial class SizeParser
{
    public static long Parse(string text, string option)
    {
        Match m = SizePattern().Match(text);
        if (!m.Success || !double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            throw new UsageException($"{option} must be a size such as 12000, 50KB, 1.5MB or 64KiB, not '{text}'");
        }

        double unit = m.Groups[2].Value.ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "K" or "KB" => 1e3,
            "M" or "MB" => 1e6,
            "G" or "GB" => 1e9,
            "KIB" => 1024,
            "MIB" => 1024 * 1024,
            "GIB" => 1024.0 * 1024 * 1024,
            _ => 0,
        };
        double bytes = Math.Floor(value * unit);
        if (unit == 0 || bytes < 1 || bytes > long.MaxValue / 2)
        {
            throw new UsageException($"{option} must be a size such as 12000, 50KB, 1.5MB or 64KiB, not '{text}'");
        }

        return (long)bytes;
    }

    [GeneratedRegex(@"^\s*([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]*)\s*$")]
    private static partial Regex SizePattern();
}
