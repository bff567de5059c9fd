using System.Globalization;
using System.Text;
using RegionCodec.Metrics;

namespace RegionCodec.Benchmarks;

/// <summary>Turns sweep points into BD-rate tables, quality-at-rate tables, a CSV and RD plots.</summary>
internal static class RdReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public sealed record Metric(string Id, string Label, Func<RdPoint, double> Get, bool Roi = false);

    public static readonly Metric[] Metrics =
    [
        new("psnr_rgb", "PSNR-RGB", p => p.PsnrRgb),
        new("psnr_y", "PSNR-Y", p => p.PsnrY),
        new("ssim_y", "SSIM-Y", p => p.SsimY),
        new("msssim_y", "MS-SSIM-Y", p => p.MsSsimY),
        // Butteraugli distance falls as quality rises; BD-rate integrates over -ln(distance), as PSNR is a log of the MSE.
        new("butteraugli", "Butteraugli", p => -Math.Log(p.Butteraugli)),
        new("psnr_y_in", "PSNR-Y in ROI", p => p.PsnrYIn, true),
        new("psnr_y_out", "PSNR-Y out of ROI", p => p.PsnrYOut, true),
        new("ssim_y_in", "SSIM-Y in ROI", p => p.SsimYIn, true),
        new("ssim_y_out", "SSIM-Y out of ROI", p => p.SsimYOut, true),
    ];

    /// <summary>Mean over images of the per-image BD-rate of <paramref name="codec"/> against <paramref name="anchor"/>, and the image count used.</summary>
    public static (double Mean, int Count) MeanBdRate(IReadOnlyList<RdPoint> points, string set, string codec, string anchor, Metric metric)
    {
        var values = new List<double>();
        foreach (var group in points.Where(p => p.Set == set).GroupBy(p => p.Image))
        {
            var a = group.Where(p => p.Codec == anchor).Select(p => (p.Bpp, metric.Get(p))).ToList();
            var t = group.Where(p => p.Codec == codec).Select(p => (p.Bpp, metric.Get(p))).ToList();
            double bd = BdRate.Compute(a, t);
            if (double.IsFinite(bd))
            {
                values.Add(bd);
            }
        }

        return values.Count == 0 ? (double.NaN, 0) : (values.Average(), values.Count);
    }

    /// <summary>Mean over images of a metric interpolated (PCHIP on log rate) at a given bpp; NaN when the bpp is outside any image's curve.</summary>
    public static double QualityAtRate(IReadOnlyList<RdPoint> points, string set, string codec, Metric metric, double bpp)
    {
        var values = new List<double>();
        foreach (var group in points.Where(p => p.Set == set && p.Codec == codec).GroupBy(p => p.Image))
        {
            var curve = group.OrderBy(p => p.Bpp).ToList();
            var x = new List<double>();
            var y = new List<double>();
            foreach (RdPoint p in curve)
            {
                double lx = Math.Log(p.Bpp);
                if (x.Count == 0 || lx > x[^1])
                {
                    x.Add(lx);
                    y.Add(metric.Get(p));
                }
            }

            double t = Math.Log(bpp);
            if (x.Count < 2 || t < x[0] || t > x[^1])
            {
                return double.NaN;
            }

            double[] xs = x.ToArray(), ys = y.ToArray();
            values.Add(BdRate.Evaluate(xs, ys, BdRate.Slopes(xs, ys), t));
        }

        return values.Count == 0 ? double.NaN : values.Average();
    }

    public static void WriteCsv(string path, IReadOnlyList<RdPoint> points)
    {
        var sb = new StringBuilder();
        sb.AppendLine("set,image,codec,setting,width,height,bytes,bpp,psnr_rgb,psnr_y,ssim_y,msssim_y,roi_fraction,psnr_y_in,psnr_y_out,ssim_y_in,ssim_y_out,butteraugli");
        foreach (RdPoint p in points)
        {
            sb.AppendLine(Inv, $"{p.Set},{p.Image},{p.Codec},{p.Setting},{p.Width},{p.Height},{p.Bytes},{p.Bpp:F5},{p.PsnrRgb:F4},{p.PsnrY:F4},{p.SsimY:F6},{p.MsSsimY:F6},{p.RoiFraction:F4},{p.PsnrYIn:F4},{p.PsnrYOut:F4},{p.SsimYIn:F6},{p.SsimYOut:F6},{p.Butteraugli:F4}");
        }

        File.WriteAllText(path, sb.ToString());
    }

    public static List<RdPoint> ReadCsv(string path)
    {
        var list = new List<RdPoint>();
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            string[] f = line.Split(',');
            if (f.Length < 17)
            {
                continue;
            }

            double D(int i) => double.Parse(f[i], Inv);
            list.Add(new RdPoint(f[0], f[1], f[2], f[3], int.Parse(f[4], Inv), int.Parse(f[5], Inv), long.Parse(f[6], Inv),
                D(8), D(9), D(10), D(11), D(12), D(13), D(14), D(15), D(16), f.Length > 17 ? D(17) : double.NaN));
        }

        return list;
    }

    /// <summary>Average RD curve of a codec on a set: mean bpp and mean metric per setting (for plots and tables).</summary>
    public static List<(string Setting, double Bpp, double Value)> AverageCurve(IReadOnlyList<RdPoint> points, string set, string codec, Metric metric) =>
        points.Where(p => p.Set == set && p.Codec == codec).GroupBy(p => p.Setting)
            .Select(g => (g.Key, g.Average(p => p.Bpp), g.Average(metric.Get))).OrderBy(c => c.Item2).ToList();

    /// <summary>One PNG per set and metric: the average curves of every codec, bpp on the x axis.</summary>
    public static List<string> Plot(IReadOnlyList<RdPoint> points, IReadOnlyList<RdCodec> codecs, string set, string plotDir, double maxBpp)
    {
        Directory.CreateDirectory(plotDir);
        var files = new List<string>();
        foreach (Metric metric in Metrics.Where(m => m.Id is "psnr_y" or "ssim_y" or "msssim_y" or "psnr_rgb" or "psnr_y_in" or "psnr_y_out"))
        {
            var plot = new ScottPlot.Plot();
            foreach (RdCodec codec in codecs)
            {
                var curve = AverageCurve(points, set, codec.Id, metric).Where(c => c.Bpp <= maxBpp).ToList();
                if (curve.Count == 0)
                {
                    continue;
                }

                var scatter = plot.Add.Scatter(curve.Select(c => c.Bpp).ToArray(), curve.Select(c => c.Value).ToArray());
                scatter.LegendText = codec.Label;
                scatter.LineWidth = codec.Id == "rsg" ? 3 : 1.5f;
                scatter.MarkerSize = 6;
            }

            plot.Title($"{set}: {metric.Label} vs bits per pixel (mean over images per setting)");
            plot.XLabel("bits per pixel");
            plot.YLabel(metric.Label);
            plot.ShowLegend(ScottPlot.Alignment.LowerRight);
            string file = Path.Combine(plotDir, $"rd-{set}-{metric.Id.Replace('_', '-')}.png");
            plot.SavePng(file, 900, 600);
            files.Add(file);
        }

        return files;
    }

    public static string Pct(double v) => double.IsNaN(v) ? "n/a" : (v * 100).ToString("+0.0;-0.0", Inv) + "%";
}
