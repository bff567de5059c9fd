using System.Globalization;
using System.Text.RegularExpressions;
using RegionCodec.Segmentation;

namespace RegionCodec.Tools;

/// <summary>
/// --quality: one number (the target quality: one region at that quality without segmentation; with
/// segmentation the regions get qualities derived from it, background 0.4 T up to foreground T + 0.6 (100 - T)),
/// or per region: <c>fg=90,bg=30</c>, <c>detail=85,smooth=40</c>, <c>face=95</c>, <c>0=20</c> (label number),
/// optionally after a number (<c>70,face=95</c>). fg = the highest-priority label, bg = label 0.
/// </summary>
internal sealed partial class QualitySpec
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
        foreach ((string key, int q) in PerRegion)
        {
            int label = Resolve(key, names);
            if (label >= 0)
            {
                regions[label] = regions[label] with { Quality = q };
            }
        }

        return regions;
    }

    /// <summary>The label a key names in this image, -1 for a known region name this image does not have.</summary>
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
            return label < names.Count ? label : -1;
        }

        if (KnownName().IsMatch(key))
        {
            return -1; // a region of this method that this image does not have (e.g. no "detail" in a flat image)
        }

        throw new UsageException($"--quality: unknown region '{key}'; this image's regions are {string.Join(", ", names)} (aliases fg = highest label, bg = label 0, or a label number)");
    }

    [GeneratedRegex(@"^(busy|textured|moderate|smooth|detail|background|foreground|face|subject|dark|bright|flat|edges|salient|cluster\d+|value\d+|label\d+)$")]
    private static partial Regex KnownName();
}
