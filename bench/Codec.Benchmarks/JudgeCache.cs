using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;

namespace RegionCodec.Benchmarks;

/// <summary>
/// Remembers the verdicts of <c>equal-size</c> across runs, keyed by image and the SHA-256 of the coded file. Tuning runs
/// re-judge the same one-region files every time, and butteraugli on a 3 MP photograph takes seconds, so a cache halves
/// a tuning run. A verdict depends only on the reference and the file's bytes, so a hit is exact, never stale.
/// </summary>
internal sealed class JudgeCache
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly string? path;
    private readonly ConcurrentDictionary<string, (double PsnrY, double MsSsimY, double Butteraugli)> verdicts = new(StringComparer.Ordinal);
    private readonly object appendLock = new();

    /// <summary>A cache backed by a tab-separated file (created when missing), or an in-memory one when <paramref name="file"/> is null.</summary>
    public JudgeCache(string? file)
    {
        path = file;
        if (path is null || !File.Exists(path))
        {
            return;
        }

        foreach (string line in File.ReadLines(path))
        {
            string[] f = line.Split('\t');
            if (f.Length == 4)
            {
                verdicts[f[0]] = (double.Parse(f[1], Inv), double.Parse(f[2], Inv), double.Parse(f[3], Inv));
            }
        }
    }

    public static string Key(string image, byte[] file) => image + ":" + Convert.ToHexString(SHA256.HashData(file));

    public (double PsnrY, double MsSsimY, double Butteraugli) GetOrAdd(string key, Func<(double, double, double)> judge)
    {
        if (verdicts.TryGetValue(key, out var known))
        {
            return known;
        }

        (double psnr, double ms, double ba) = judge();
        verdicts[key] = (psnr, ms, ba);
        if (path is not null)
        {
            lock (appendLock)
            {
                File.AppendAllText(path, string.Create(Inv, $"{key}\t{psnr:R}\t{ms:R}\t{ba:R}\n"));
            }
        }

        return (psnr, ms, ba);
    }
}
