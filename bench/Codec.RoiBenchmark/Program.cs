using System.Globalization;
using System.Text;
using RegionCodec;
using RegionCodec.Metrics;
using RegionCodec.Segmentation;
using RegionCodec.Segmentation.OpenCv;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

// Usage (from the repository root):
//   dotnet run -c Release --project bench/Codec.RoiBenchmark -- roi [--images ../shared/images] [--fg 90] [--bg 30] [--doc docs/segmentation.md]
//   dotnet run -c Release --project bench/Codec.RoiBenchmark -- overlays [--images ../shared/images] [--out docs/overlays]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string command = args.Length > 0 ? args[0] : "roi";
string images = Option("--images", "../shared/images");
return command switch
{
    "roi" => Roi(images, int.Parse(Option("--fg", "90")), int.Parse(Option("--bg", "30")), Option("--doc", "docs/segmentation.md"), Option("--overlays", "docs/overlays")),
    "overlays" => Overlays(images, Option("--out", "docs/overlays")),
    _ => Usage(),
};

string Option(string name, string fallback)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

static int Usage()
{
    Console.Error.WriteLine("usage: RegionCodec.RoiBenchmark roi|overlays [--images DIR] [--fg Q] [--bg Q] [--doc FILE] [--out DIR]");
    return 2;
}

static int Roi(string imageDir, int fgQ, int bgQ, string doc, string overlayDir)
{
    // The development-set photographs and the method that gives each its foreground.
    (string File, string Method)[] set =
    [
        ("skimage/astronaut.png", "faces"),
        ("kodak/kodim04.png", "faces"),
        ("kodak/kodim15.png", "faces"),
        ("kodak/kodim23.png", "grabcut"),
        ("kodak/kodim20.png", "grabcut"),
        ("kodak/kodim03.png", "grabcut"),
        ("kodak/kodim09.png", "grabcut"),
        ("kodak/kodim19.png", "grabcut"),
        ("skimage/coffee.png", "grabcut"),
        ("skimage/chelsea.png", "grabcut"),
    ];

    var rows = new List<Row>();
    foreach (var (file, method) in set)
    {
        string path = Path.Combine(imageDir, file);
        var (rgb, w, h) = RsgSegmentationImages.LoadRgb(path);
        IRsgSegmenter segmenter = RsgSegmenters.Create(method);
        RsgSegmentation seg = segmenter.Segment(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, RsgSegmenterOptions.Default);
        (segmenter as IDisposable)?.Dispose();
        var fg = new bool[w * h];
        long fgCount = 0;
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                fg[(y * w) + x] = seg.Labels.LabelAtPixel(x, y) != 0;
                fgCount += fg[(y * w) + x] ? 1 : 0;
            }
        }

        string name = Path.GetFileNameWithoutExtension(file);
        if (fgCount == 0 || fgCount == fg.Length)
        {
            Console.Error.WriteLine($"{name}: {method} found no foreground/background split; skipped");
            continue;
        }

        byte[] EncodeRoi(int bg) => RsgEncoder.Encode(rgb, w, h, w * 3, RsgPixelFormat.Rgb24,
            new RsgEncoderOptions { Regions = seg.Regions.Select((_, l) => new RsgRegion(l == 0 ? bg : fgQ)).ToArray() }, seg.Labels);
        var uniformCache = new Dictionary<int, byte[]>();
        byte[] Uniform(int q) => uniformCache.TryGetValue(q, out var b) ? b : uniformCache[q] = RsgEncoder.Encode(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, new RsgEncoderOptions { Quality = q });

        int bgUsed = bgQ;
        byte[] roi = EncodeRoi(bgUsed);
        int uq = ClosestQuality(roi.Length, q => Uniform(q).Length);
        byte[] uni = Uniform(uq);
        string how = "uniform q searched";
        if (Math.Abs(roi.Length - uni.Length) > 0.02 * roi.Length)
        {
            // No integer uniform quality lands within 2%: keep that uniform file and move the ROI background quality instead.
            int target = uni.Length;
            bgUsed = ClosestQuality(target, q => EncodeRoi(q).Length, 1, fgQ);
            roi = EncodeRoi(bgUsed);
            how = "bg q adjusted";
        }

        RsgImage dr = RsgDecoder.Decode(roi), du = RsgDecoder.Decode(uni);
        double[] y0 = ImageMetrics.Luma(rgb, w, h), yr = ImageMetrics.Luma(dr.Pixels, w, h), yu = ImageMetrics.Luma(du.Pixels, w, h);
        double[] sr = ImageMetrics.SsimMap(y0, yr, w, h, out _), su = ImageMetrics.SsimMap(y0, yu, w, h, out _);
        var row = new Row(name, method, (double)fgCount / fg.Length, fgQ, bgUsed, roi.Length, uq, uni.Length, how,
            ImageMetrics.Psnr(y0, yr, fg, true), ImageMetrics.Psnr(y0, yu, fg, true),
            ImageMetrics.Psnr(y0, yr, fg, false), ImageMetrics.Psnr(y0, yu, fg, false),
            ImageMetrics.MeanOfMap(sr, fg, true), ImageMetrics.MeanOfMap(su, fg, true),
            ImageMetrics.MeanOfMap(sr, fg, false), ImageMetrics.MeanOfMap(su, fg, false));
        rows.Add(row);
        Console.WriteLine(row.Markdown());
        if (!string.IsNullOrEmpty(overlayDir))
        {
            Directory.CreateDirectory(overlayDir);
            SaveSmallOverlay(rgb, w, h, seg.Labels, Path.Combine(overlayDir, $"roi-{name}-{method}.png"), 256);
        }
    }

    string table = Table(rows, fgQ, bgQ);
    Console.WriteLine();
    Console.WriteLine(table);
    if (!string.IsNullOrEmpty(doc) && File.Exists(doc))
    {
        const string begin = "<!-- roi-results:begin -->", end = "<!-- roi-results:end -->";
        string text = File.ReadAllText(doc);
        int b = text.IndexOf(begin, StringComparison.Ordinal), e = text.IndexOf(end, StringComparison.Ordinal);
        if (b >= 0 && e > b)
        {
            File.WriteAllText(doc, text[..(b + begin.Length)] + "\n" + table + text[e..]);
            Console.WriteLine($"updated {doc}");
        }
    }

    double gain = rows.Average(r => r.FgPsnrRoi - r.FgPsnrUni);
    return rows.Count >= 8 && gain >= 2 ? 0 : 1;
}

static int ClosestQuality(int targetBytes, Func<int, int> size, int lo = 1, int hi = 100)
{
    // Sizes grow with quality: find the first quality at least as large as the target, then take the nearer neighbour.
    int a = lo, b = hi;
    while (a < b)
    {
        int m = (a + b) / 2;
        if (size(m) < targetBytes)
        {
            a = m + 1;
        }
        else
        {
            b = m;
        }
    }

    if (a > lo && Math.Abs(size(a - 1) - targetBytes) < Math.Abs(size(a) - targetBytes))
    {
        return a - 1;
    }

    return a;
}

static string Table(List<Row> rows, int fgQ, int bgQ)
{
    var sb = new StringBuilder();
    sb.AppendLine($"Foreground quality {fgQ}, background {bgQ} (label 0 = background, every other label = foreground), 4:2:0, cell size 8; uniform = one quality over the whole image at the same file size (within 2%). PSNR and SSIM on luma (BT.601), SSIM with an 11x11 Gaussian window (sigma 1.5).");
    sb.AppendLine();
    sb.AppendLine("| image | foreground from | fg area | ROI q fg/bg | uniform q | ROI bytes | uniform bytes | size diff | fg PSNR ROI / uniform (gain) | bg PSNR ROI / uniform (gain) | fg SSIM ROI / uniform | bg SSIM ROI / uniform |");
    sb.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    foreach (Row r in rows)
    {
        sb.AppendLine(r.Markdown());
    }

    sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
        $"| **average** ({rows.Count} images) | | {rows.Average(r => r.FgArea):P0} | | | | | {Signed.Pct(rows.Average(r => r.SizeDiff))} | **{Signed.F(rows.Average(r => r.FgPsnrRoi - r.FgPsnrUni), 2)} dB** | {Signed.F(rows.Average(r => r.BgPsnrRoi - r.BgPsnrUni), 2)} dB | {Signed.F(rows.Average(r => r.FgSsimRoi - r.FgSsimUni), 4)} | {Signed.F(rows.Average(r => r.BgSsimRoi - r.BgSsimUni), 4)} |"));
    return sb.ToString();
}

static void SaveSmallOverlay(byte[] rgb, int w, int h, RsgLabelMap labels, string path, int side = 384)
{
    byte[] overlay = RsgOverlay.Render(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, labels);
    using var image = Image.LoadPixelData<Rgb24>(overlay, w, h);
    if (Math.Max(w, h) > side)
    {
        image.Mutate(c => c.Resize(w >= h ? side : 0, w >= h ? 0 : side, KnownResamplers.Box));
    }

    image.SaveAsPng(path);
}

static int Overlays(string imageDir, string outDir)
{
    (string File, string Method)[] gallery =
    [
        ("skimage/astronaut.png", "faces"),
        ("skimage/astronaut.png", "combine:grabcut+faces"),
        ("skimage/coffee.png", "grabcut"),
        ("skimage/coffee.png", "kmeans:4"),
        ("skimage/coffee.png", "edges"),
        ("kodak/kodim23.png", "saliency"),
        ("kodak/kodim23.png", "perceptual"),
        ("kodak/kodim02.png", "perceptual"),
        ("kodak/kodim23.png", "activity"),
        ("kodak/kodim23.png", "edges"),
        ("kodak/kodim19.png", "otsu"),
        ("kodak/kodim19.png", "adaptive"),
    ];
    Directory.CreateDirectory(outDir);
    foreach (var (file, method) in gallery)
    {
        var (rgb, w, h) = RsgSegmentationImages.LoadRgb(Path.Combine(imageDir, file));
        IRsgSegmenter segmenter = RsgSegmenters.Create(method);
        RsgSegmentation seg = segmenter.Segment(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, RsgSegmenterOptions.Default);
        (segmenter as IDisposable)?.Dispose();
        string name = $"{Path.GetFileNameWithoutExtension(file)}-{method.Replace(':', '-').Replace('+', '-')}.png";
        SaveSmallOverlay(rgb, w, h, seg.Labels, Path.Combine(outDir, name));
        Console.WriteLine($"{name}: {string.Join(", ", seg.RegionNames.Select((n, i) => $"{i} {n} q{seg.Regions[i].Quality}"))}");
    }

    return 0;
}

internal sealed record Row(string Image, string Method, double FgArea, int FgQ, int BgQ, int RoiBytes, int UniformQ, int UniformBytes, string How,
    double FgPsnrRoi, double FgPsnrUni, double BgPsnrRoi, double BgPsnrUni, double FgSsimRoi, double FgSsimUni, double BgSsimRoi, double BgSsimUni)
{
    public double SizeDiff => ((double)RoiBytes / UniformBytes) - 1;

    public string Markdown() => string.Create(CultureInfo.InvariantCulture,
        $"| {Image} | {Method} | {FgArea:P0} | {FgQ}/{BgQ}{(How == "bg q adjusted" ? " (bg adjusted)" : "")} | {UniformQ} | {RoiBytes:N0} | {UniformBytes:N0} | {Signed.Pct(SizeDiff)} | {FgPsnrRoi:F2} / {FgPsnrUni:F2} ({Signed.F(FgPsnrRoi - FgPsnrUni, 2)}) | {BgPsnrRoi:F2} / {BgPsnrUni:F2} ({Signed.F(BgPsnrRoi - BgPsnrUni, 2)}) | {FgSsimRoi:F4} / {FgSsimUni:F4} | {BgSsimRoi:F4} / {BgSsimUni:F4} |");
}

internal static class Signed
{
    public static string F(double v, int digits)
    {
        string s = (Math.Round(v, digits) + 0.0).ToString("F" + digits, CultureInfo.InvariantCulture);
        return s.StartsWith('-') ? s : "+" + s.Replace("-", "", StringComparison.Ordinal);
    }

    public static string Pct(double v) => F(v * 100, 1) + "%";
}
