using System.Globalization;
using RegionCodec.Segmentation;

namespace RegionCodec.Tools;

/// <summary>
/// --quality: one number (the target quality: one region at that quality without segmentation; with
/// segmentation the regions get qualities derived from it, background 0.4 T up to foreground T + 0.6 (100 - T)),
/// or per region: <c>fg=90,bg=30</c>, <c>detail=85,smooth=40</c>, <c>face=95</c>, <c>0=20</c> (label number),
/// optionally after a number (<c>70,face=95</c>). fg = the highest-priority label, bg = label 0.
/// </summary>
internal sealed class QualitySpec
{
    public const int DefaultQuality = 75;

    private QualitySpec(int? target, IReadOnlyList<(string Key, int Quality)> perRegion)
    {
        Target = target;
        PerRegion = perRegion;
    }

    public int? Target { get; }

    public IReadOnlyList<(string Key, int Quality)> PerRegion { get; }

    public static QualitySpec Parse(string? text)
    {
        if (text is null)
        {
            return new QualitySpec(null, []);
        }

        int? target = null;
        var perRegion = new List<(string, int)>();
        foreach (string raw in text.Split(',', StringSplitOptions.TrimEntries))
        {
            int eq = raw.IndexOf('=', StringComparison.Ordinal);
            string key = eq < 0 ? string.Empty : raw[..eq].Trim().ToLowerInvariant();
            string value = eq < 0 ? raw : raw[(eq + 1)..].Trim();
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int q) || q is < 1 or > 100)
            {
                throw new UsageException($"--quality: '{raw}' is not a quality 1..100 (use a number, or per region: fg=90,bg=30)");
            }

            if (eq < 0)
            {
                if (target is not null)
                {
                    throw new UsageException($"--quality: two plain numbers in '{text}' (per region: fg=90,bg=30)");
                }

                target = q;
            }
            else if (key.Length == 0)
            {
                throw new UsageException($"--quality: '{raw}' has no region name");
            }
            else
            {
                perRegion.Add((key, q));
            }
        }

        return new QualitySpec(target, perRegion);
    }

    /// <summary>
    /// The region table at target quality <paramref name="target"/>: the segmentation's own suggestion for that
    /// quality (one region at it without a segmentation), then the per-region qualities given by name.
    /// </summary>
    public RsgRegion[] Regions(RsgSegmentation? segmentation, IReadOnlyList<string> names, int target)
    {
        RsgRegion[] regions = segmentation is null ? [new RsgRegion(target)] : segmentation.RegionsAt(target).ToArray();
        foreach ((int label, int q) in Resolved(names))
        {
            regions[label] = regions[label] with { Quality = q };
        }

        return regions;
    }

    /// <summary>
    /// Every per-region request as (label, quality), checked against the regions this image's segmentation produced:
    /// a name or label it does not have, or two requests for one region, is a <see cref="RegionRequestException"/>.
    /// </summary>
    public IReadOnlyList<(int Label, int Quality)> Resolved(IReadOnlyList<string> names)
    {
        var byLabel = new Dictionary<int, (string Key, int Quality)>();
        foreach ((string key, int q) in PerRegion)
        {
            int label = Resolve(key, names);
            if (byLabel.TryGetValue(label, out var earlier) && earlier.Quality != q)
            {
                throw new RegionRequestException(
                    $"--quality: {earlier.Key}={earlier.Quality} and {key}={q} both name region '{names[label]}' (label {label}); this image's regions are {Available(names)}");
            }

            byLabel[label] = (key, q);
        }

        return byLabel.Select(kv => (kv.Key, kv.Value.Quality)).ToArray();
    }

    /// <summary>The regions as a user can name them: "0 busy, 1 textured, ..." plus the aliases.</summary>
    public static string Available(IReadOnlyList<string> names) =>
        string.Join(", ", names) + " (or a label 0.." + (names.Count - 1) + "; fg = the highest label, bg = label 0)";

    /// <summary>The label a key names in this image.</summary>
    private static int Resolve(string key, IReadOnlyList<string> names)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], key, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        switch (key)
        {
            case "fg" or "foreground":
                return names.Count - 1;
            case "bg" or "background":
                return 0;
        }

        if (int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out int label))
        {
            return label < names.Count
                ? label
                : throw new RegionRequestException($"--quality: no label {key} in this image; its regions are {Available(names)}");
        }

        // Silently dropping a request (a method's region this image does not have, a typo) surprised users: refuse it.
        throw new RegionRequestException($"--quality: unknown region '{key}'; this image's regions are {Available(names)}");
    }
}
