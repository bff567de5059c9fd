namespace RegionCodec.Segmentation;

/// <summary>
/// Quality assignment. By convention every segmenter orders its labels by priority: label 0 is the
/// least important region (the background), the highest label the most important (the foreground,
/// a face). Qualities are spread between a background and a foreground quality in that order.
/// </summary>
public static class RsgQualities
{
    /// <summary>
    /// Foreground and background qualities derived from one target quality: the foreground gets 60% of
    /// the way to 100, the background 40% of the target (75 gives 90 and 30; 50 gives 80 and 20).
    /// </summary>
    public static (int Foreground, int Background) FromTarget(int targetQuality)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(targetQuality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(targetQuality, 100);
        int fg = (int)Math.Round(targetQuality + (0.6 * (100 - targetQuality)), MidpointRounding.AwayFromZero);
        int bg = Math.Max(1, (int)Math.Round(0.4 * targetQuality, MidpointRounding.AwayFromZero));
        return (Math.Clamp(fg, 1, 100), bg);
    }

    /// <summary>
    /// <paramref name="count"/> regions in priority order (label 0 lowest), qualities spaced evenly from
    /// <paramref name="background"/> to <paramref name="foreground"/>.
    /// </summary>
    public static RsgRegion[] Spread(int count, int foreground, int background)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, RsgConstants.MaxRegions);
        var regions = new RsgRegion[count];
        for (int i = 0; i < count; i++)
        {
            double t = count == 1 ? 1 : (double)i / (count - 1);
            int q = (int)Math.Round(background + (t * (foreground - background)), MidpointRounding.AwayFromZero);
            regions[i] = new RsgRegion(Math.Clamp(q, 1, 100));
            regions[i].Validate(nameof(foreground));
        }

        return regions;
    }

    /// <summary><see cref="Spread(int, int, int)"/> from a target quality (<see cref="FromTarget(int)"/>).</summary>
    public static RsgRegion[] FromTarget(int count, int targetQuality)
    {
        (int fg, int bg) = FromTarget(targetQuality);
        return Spread(count, fg, bg);
    }

    /// <summary>This segmentation with qualities spread from <paramref name="background"/> (label 0) to <paramref name="foreground"/> (highest label).</summary>
    public static RsgSegmentation WithQualities(this RsgSegmentation segmentation, int foreground, int background)
    {
        ArgumentNullException.ThrowIfNull(segmentation);
        RsgRegion[] regions = Spread(segmentation.Regions.Count, foreground, background);
        return new RsgSegmentation(segmentation.Labels, segmentation.RegionNames, regions, _ => regions); // chosen by the caller: final
    }

    /// <summary>The IJG scale (percent of the base table) that quality <paramref name="quality"/> applies (spec/rsg.md §7.2).</summary>
    public static int Scale(int quality)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        return new RsgRegion(quality).StepScalePercent;
    }

    /// <summary>The quality whose scale is nearest, in log, to <paramref name="scalePercent"/> (ties: the lower quality; quality 100's scale 0 counts as 1).</summary>
    public static int ForScale(double scalePercent)
    {
        if (!(scalePercent > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(scalePercent), scalePercent, "The scale must be positive.");
        }

        double target = Math.Log(scalePercent);
        int best = 1;
        for (int q = 2; q <= 100; q++)
        {
            if (Math.Abs(LogScale[q] - target) < Math.Abs(LogScale[best] - target))
            {
                best = q;
            }
        }

        return best;
    }

    /// <summary>
    /// The quality whose step is closest (in log scale) to <paramref name="quality"/>'s step times 2^<paramref name="log2StepOffset"/>:
    /// +1 doubles the step, -1 halves it. Quality 100 (step scale 0) stays 100.
    /// </summary>
    public static int WithStepOffset(int quality, double log2StepOffset)
    {
        int scale = Scale(quality);
        return scale == 0 || log2StepOffset == 0 ? quality : ForScale(scale * Math.Pow(2, log2StepOffset));
    }

    private static readonly double[] LogScale = Enumerable.Range(0, 101)
        .Select(q => q == 0 ? double.NaN : Math.Log(Math.Max(1, new RsgRegion(q).StepScalePercent))).ToArray();
}
