using System.Globalization;
using System.Text;

namespace RegionCodec.Benchmarks;

/// <summary>
/// Turns BenchmarkDotNet's GitHub-markdown tables into one megapixels-per-second table, so the speed summary in
/// docs/benchmarks.md is computed from the same run as the tables it sits above rather than typed in.
/// </summary>
internal static class BdnSummary
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Rows of (benchmark class, method with its parameters, mean in milliseconds, ratio or null).</summary>
    public static List<(string Class, string Method, double MeanMs, string? Ratio)> Read(IEnumerable<string> reportFiles)
    {
        var rows = new List<(string, string, double, string?)>();
        foreach (string file in reportFiles)
        {
            string name = Path.GetFileName(file).Replace("-report-github.md", "", StringComparison.Ordinal);
            name = name[(name.LastIndexOf('.') + 1)..];
            string[] lines = File.ReadAllLines(file).Where(l => l.StartsWith('|')).ToArray();
            if (lines.Length < 3)
            {
                continue;
            }

            string[] header = Cells(lines[0]);
            int method = Array.IndexOf(header, "Method"), mean = Array.IndexOf(header, "Mean"), ratio = Array.IndexOf(header, "Ratio");
            if (method < 0 || mean < 0)
            {
                continue;
            }

            foreach (string line in lines.Skip(2))
            {
                string[] cells = Cells(line);
                string parameters = string.Join(", ", Enumerable.Range(method + 1, mean - method - 1).Select(i => $"{header[i]}={cells[i]}"));
                rows.Add((name, parameters.Length == 0 ? cells[method] : $"{cells[method]} ({parameters})", Milliseconds(cells[mean]), ratio >= 0 ? cells[ratio] : null));
            }
        }

        return rows;
    }

    /// <summary>Appends the summary table for an image of <paramref name="megapixels"/>.</summary>
    public static void Append(StringBuilder md, IEnumerable<string> reportFiles, double megapixels)
    {
        var rows = Read(reportFiles);
        if (rows.Count == 0)
        {
            return;
        }

        md.AppendLine(Inv, $"Summary, computed from the tables below for the {megapixels:F2} MP image (MP/s = megapixels / mean time; ratio against each class's baseline row):");
        md.AppendLine();
        md.AppendLine("| Benchmark | Method | Mean | MP/s | Ratio |");
        md.AppendLine("|---|---|--:|--:|--:|");
        foreach (var (cls, method, meanMs, ratio) in rows)
        {
            md.AppendLine(Inv, $"| {cls} | {method} | {meanMs:F2} ms | {megapixels / (meanMs / 1000):F0} | {ratio ?? ""} |");
        }

        md.AppendLine();
    }

    private static string[] Cells(string line) =>
        line.Trim().Trim('|').Split('|').Select(c => c.Replace("*", "", StringComparison.Ordinal).Trim()).ToArray();

    /// <summary>"13.37 ms", "903.4 ms", "1.234 s", "850.1 μs", "12,345.6 ms" to milliseconds.</summary>
    internal static double Milliseconds(string text)
    {
        string[] parts = text.Replace(",", "", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        double value = double.Parse(parts[0], Inv);
        return parts.Length < 2 ? value : parts[1] switch
        {
            "s" => value * 1000,
            "ms" => value,
            "μs" or "us" => value / 1000,
            "ns" => value / 1_000_000,
            string unit => throw new FormatException($"unknown time unit '{unit}' in '{text}'"),
        };
    }
}
