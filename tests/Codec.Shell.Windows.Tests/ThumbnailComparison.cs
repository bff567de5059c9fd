namespace RegionCodec.Shell.Windows.Tests;

/// <summary>
/// Compares the thumbnails a Windows program wrote (rsg-com-harness: "NAME WIDTHxHEIGHT bpp=BITS alpha=TYPE" lines and
/// NAME.CX.bgra files) with what the managed thumbnailer renders from the same .rsg files, and lists every difference.
/// </summary>
internal static class ThumbnailComparison
{
    /// <summary>Exact comparison: size, 32 bpp, WTSAT_RGB (1) and every byte.</summary>
    public static List<string> Exact(string harnessOutput, string outputDirectory, IEnumerable<string> files, uint cx) =>
        Compare(harnessOutput, outputDirectory, files, cx, "bpp=32 alpha=1", (name, expected, actual) =>
        {
            int at = expected.AsSpan().CommonPrefixLength(actual);
            return at == expected.Length && actual.Length == expected.Length
                ? null
                : $"{name} at {cx}: first differing byte {at} (pixel {at / 4}, channel {"BGRA"[at % 4]}): expected {Byte(expected, at)}, got {Byte(actual, at)}";
        });

    /// <summary>
    /// Size exact, colours within <paramref name="maxMeanDifference"/> on average (alpha ignored): for Explorer's own
    /// route, where the thumbnail cache may store opaque thumbnails lossily and hand back its copy.
    /// </summary>
    public static List<string> Close(string harnessOutput, string outputDirectory, IEnumerable<string> files, uint cx, double maxMeanDifference) =>
        Compare(harnessOutput, outputDirectory, files, cx, null, (name, expected, actual) =>
        {
            if (actual.Length != expected.Length)
            {
                return $"{name} at {cx}: {actual.Length} bytes, expected {expected.Length}";
            }

            long sum = 0;
            for (int i = 0; i < expected.Length; i++)
            {
                sum += i % 4 == 3 ? 0 : Math.Abs(expected[i] - actual[i]);
            }

            double mean = sum / (expected.Length * 0.75);
            return mean <= maxMeanDifference ? null : $"{name} at {cx}: mean colour difference {mean:F2} > {maxMeanDifference}";
        });

    private static List<string> Compare(string harnessOutput, string outputDirectory, IEnumerable<string> files, uint cx, string? expectedFormat,
        Func<string, byte[], byte[], string?> comparePixels)
    {
        Dictionary<string, string[]> reported = harnessOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(fields => fields[0]);
        List<string> problems = [];
        foreach (string file in files)
        {
            string name = Path.GetFileNameWithoutExtension(file);
            RsgThumbnail expected = RsgThumbnailer.Render(File.ReadAllBytes(file), (int)cx, ThumbnailPixelOrder.Bgra32);
            if (!reported.TryGetValue(name, out string[]? fields))
            {
                problems.Add($"{name} at {cx}: no thumbnail reported");
                continue;
            }

            string size = $"{expected.Width}x{expected.Height}";
            string format = string.Join(' ', fields.Skip(2));
            if (fields[1] != size || (expectedFormat is not null && format != expectedFormat))
            {
                problems.Add($"{name} at {cx}: got {fields[1]} {format}, expected {size} {expectedFormat}");
                continue;
            }

            byte[] actual = File.ReadAllBytes(Path.Combine(outputDirectory, $"{name}.{cx}.bgra"));
            if (comparePixels(name, expected.Pixels, actual) is { } problem)
            {
                problems.Add(problem);
            }
        }

        return problems;
    }

    private static string Byte(byte[] bytes, int index) => index < bytes.Length ? bytes[index].ToString() : "(end)";
}
