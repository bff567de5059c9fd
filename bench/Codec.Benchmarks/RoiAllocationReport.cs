using System.Globalization;
using System.Text;
using RegionCodec.Metrics;

namespace RegionCodec.Benchmarks;

/// <summary>
/// The report's section on rate allocation between regions, written when rsg-roi codecs ran: BD-rate of the
/// PSNR-Y inside the mask (rate = whole file) against libjpeg-turbo per image, and each ROI file against
/// the one-region .rsg at the same quality setting (the file the allocator must not exceed).
/// </summary>
internal static class RoiAllocationReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private const string Anchor = "jpeg";
    private const string OneRegion = "rsg";

    public static void Append(StringBuilder md, IReadOnlyList<RdPoint> rd, IReadOnlyList<RdCodec> codecs, string set)
    {
        var roiCodecs = codecs.Where(c => c.Id.StartsWith("rsg-roi", StringComparison.Ordinal)).ToList();
        var points = rd.Where(p => p.Set == set).ToList();
        if (roiCodecs.Count == 0 || !points.Any(p => p.Codec == Anchor))
        {
            return;
        }

        RdReport.Metric inRoi = RdReport.Metrics.First(m => m.Id == "psnr_y_in");
        var columns = codecs.Where(c => c.Id != Anchor).ToList();
        var images = points.Select(p => p.Image).Distinct().Order(StringComparer.Ordinal).ToList();
        md.AppendLine("#### Rate allocation between regions: PSNR-Y inside the mask, per image");
        md.AppendLine();
        md.AppendLine("BD-rate against libjpeg-turbo of the PSNR-Y inside the mask, the rate being the whole file's (negative = fewer bits for the same quality where it matters):");
        md.AppendLine();
        md.AppendLine("| Image | mask area | " + string.Join(" | ", columns.Select(c => c.Label)) + " |");
        md.AppendLine("|---|--:|" + string.Concat(Enumerable.Repeat("--:|", columns.Count)));
        var sums = new double[columns.Count];
        var counts = new int[columns.Count];
        foreach (string image in images)
        {
            var group = points.Where(p => p.Image == image).ToList();
            var anchor = group.Where(p => p.Codec == Anchor).Select(p => (p.Bpp, inRoi.Get(p))).ToList();
            var cells = new List<string>();
            for (int i = 0; i < columns.Count; i++)
            {
                double bd = BdRate.Compute(anchor, group.Where(p => p.Codec == columns[i].Id).Select(p => (p.Bpp, inRoi.Get(p))).ToList());
                if (double.IsFinite(bd))
                {
                    sums[i] += bd;
                    counts[i]++;
                }

                cells.Add(RdReport.Pct(bd));
            }

            md.AppendLine(Inv, $"| {image} | {group[0].RoiFraction * 100:F0}% | {string.Join(" | ", cells)} |");
        }

        md.AppendLine("| **mean** | | " + string.Join(" | ", sums.Select((s, i) => $"**{RdReport.Pct(counts[i] == 0 ? double.NaN : s / counts[i])}**")) + " |");
        md.AppendLine();

        if (!points.Any(p => p.Codec == OneRegion))
        {
            return;
        }

        md.AppendLine("Each ROI file against the one-region .rsg at the same quality setting (the size the allocator aims at): size ratio range, and PSNR-Y inside the mask, ROI minus one region (worst and mean over the settings). Qualities chosen at setting 70 (background/ROI):");
        md.AppendLine();
        md.AppendLine("| Image | Codec | settings not larger (one-region file kept) | size / one region | ROI PSNR-Y gain, worst | mean | bg/ROI quality at 70 |");
        md.AppendLine("|---|---|--:|--:|--:|--:|--:|");
        foreach (RdCodec codec in roiCodecs)
        {
            foreach (string image in images)
            {
                var pairs = points.Where(p => p.Image == image && p.Codec == codec.Id)
                    .Select(p => (Roi: p, One: points.FirstOrDefault(o => o.Image == image && o.Codec == OneRegion && o.Setting == p.Setting)))
                    .Where(x => x.One is not null).ToList();
                if (pairs.Count == 0)
                {
                    continue;
                }

                int notLarger = pairs.Count(x => x.Roi.Bytes <= x.One!.Bytes);
                int kept = pairs.Count(x => RoiSweepCodec.Choices.TryGetValue((image, codec.Id, x.Roi.Setting), out string? recorded) && recorded.StartsWith("one region", StringComparison.Ordinal));
                double minRatio = pairs.Min(x => (double)x.Roi.Bytes / x.One!.Bytes), maxRatio = pairs.Max(x => (double)x.Roi.Bytes / x.One!.Bytes);
                double worst = pairs.Min(x => x.Roi.PsnrYIn - x.One!.PsnrYIn), mean = pairs.Average(x => x.Roi.PsnrYIn - x.One!.PsnrYIn);
                string choice = RoiSweepCodec.Choices.TryGetValue((image, codec.Id, "70"), out string? c) ? c : "n/a";
                md.AppendLine(Inv, $"| {image} | {codec.Label} | {notLarger}/{pairs.Count} ({kept}) | {minRatio:F3}..{maxRatio:F3} | {worst:+0.000;-0.000;0.000} dB | {mean:+0.000;-0.000;0.000} dB | {choice} |");
            }
        }

        md.AppendLine();
    }
}
