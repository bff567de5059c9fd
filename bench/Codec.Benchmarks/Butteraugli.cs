using System.Diagnostics;
using System.Globalization;

namespace RegionCodec.Benchmarks;

/// <summary>
/// The perceptual judge: Debian's <c>butteraugli</c> (<c>butteraugli REF.png DIST.png</c> prints one distance; about 1 is
/// "just noticeable", lower is better). It is a max-like norm of a visual-masking difference map, so it reports the worst
/// visible spot of an image rather than an average error: exactly what uniform quantization is blind to.
/// </summary>
internal static class Butteraugli
{
    private static readonly Lazy<string?> Tool = new(() => ExternalTools.FindOnPath("butteraugli"));

    /// <summary>The tool's path, or null when Debian's <c>butteraugli</c> package is not installed.</summary>
    public static string? Path => Tool.Value;

    /// <summary>Distance between a reference PNG on disk and packed RGB pixels (written next to it, then deleted); NaN without the tool.</summary>
    public static double Distance(string referencePng, byte[] rgb, int width, int height, string workDir)
    {
        if (Path is null)
        {
            return double.NaN;
        }

        string distorted = System.IO.Path.Combine(workDir, $"ba-{Guid.NewGuid():N}.png");
        ExternalTools.WritePng(distorted, rgb, width, height);
        try
        {
            return Distance(referencePng, distorted);
        }
        finally
        {
            File.Delete(distorted);
        }
    }

    /// <summary>Distance between two PNG files.</summary>
    public static double Distance(string referencePng, string distortedPng)
    {
        var info = new ProcessStartInfo(Path ?? throw new InvalidOperationException("butteraugli is not installed (apt-get install -y butteraugli)."))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(referencePng);
        info.ArgumentList.Add(distortedPng);
        using Process process = Process.Start(info) ?? throw new InvalidOperationException("could not start butteraugli");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || !double.TryParse(stdout.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double distance))
        {
            throw new InvalidOperationException($"butteraugli {referencePng} {distortedPng} exited with {process.ExitCode}: {stdout.Trim()} {stderr.Result.Trim()}");
        }

        return distance;
    }
}
