using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using RegionCodec.Metrics;
using RegionCodec.Segmentation;

namespace RegionCodec.Benchmarks;

/// <summary>
/// <c>equal-size</c>: does the default automatic segmentation pay? For every image and target quality Q, the default
/// encode (what <c>rsgconv encode IN OUT -q Q</c> and <c>SaveAsRsg</c> do) has size S; the one-region encode compared
/// with it is the highest quality whose file is at most S bytes. Both are decoded and judged on PSNR-Y, MS-SSIM-Y and
/// butteraugli (the perceptual judge). Works on any folder of PNGs, so it can be run on photographs the team lacks.
/// </summary>
internal static class EqualSizeCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private const string Usage = """
        usage: RegionCodec.Benchmarks equal-size [--images DIR (../shared/images)] [--sets kodak,skimage,clic]
                  [--qualities 40,75] [--max-images N] [--jobs N (2)] [--out FILE.md] [--csv FILE.csv]
                  [--doc docs/segmentation.md (rewrites its equal-size section)] [--cache FILE.tsv (verdicts kept across runs)]
                  [--strength S] [--max-finer F] [--max-coarser C] [--class-step D] [--erosion E] [--smoothing R]
                  [--coarsening-floor F] [--one-region-to Q] [--full-from Q]
                  [--stroke-gradient G] [--stroke-share S] [--two-level-share L] [--text-share T]   (PerceptualSegmenter settings, for tuning)
        """;

    public static int Run(string[] args)
    {
        var options = new CommandArgs(args);
        if (options.WantsHelp)
        {
            Console.WriteLine(Usage);
            return 0;
        }

        if (Butteraugli.Path is null)
        {
            Console.Error.WriteLine("equal-size: butteraugli is not installed (apt-get install -y butteraugli); it is the judge here.");
            return 2;
        }

        string images = options.Text("--images", "../shared/images");
        string[] sets = options.List("--sets", "kodak,skimage,clic");
        int[] qualities = options.Ints("--qualities", "40,75");
        int maxImages = options.Int("--max-images", 0);
        int jobs = options.Int("--jobs", 2);
        var defaults = new PerceptualSegmenter();
        var segmenter = new PerceptualSegmenter
        {
            Strength = options.Double("--strength", defaults.Strength),
            MaxFiner = options.Double("--max-finer", defaults.MaxFiner),
            MaxCoarser = options.Double("--max-coarser", defaults.MaxCoarser),
            ClassStep = options.Double("--class-step", defaults.ClassStep),
            NeighbourErosion = options.Double("--erosion", defaults.NeighbourErosion),
            SmoothingRadius = options.Int("--smoothing", defaults.SmoothingRadius),
            CoarseningFloor = options.Double("--coarsening-floor", defaults.CoarseningFloor),
            OneRegionUpTo = options.Int("--one-region-to", defaults.OneRegionUpTo),
            FullOffsetsFrom = options.Int("--full-from", defaults.FullOffsetsFrom),
            StrokeGradient = options.Int("--stroke-gradient", defaults.StrokeGradient),
            StrokeShare = options.Double("--stroke-share", defaults.StrokeShare),
            TwoLevelShare = options.Double("--two-level-share", defaults.TwoLevelShare),
            TextShare = options.Double("--text-share", defaults.TextShare),
        };

        var cache = new JudgeCache(options.OptionalText("--cache"));
        var files = new List<(string Set, string Path)>();
        foreach (string set in sets)
        {
            string dir = Path.Combine(images, set);
            if (!Directory.Exists(dir))
            {
                Console.Error.WriteLine($"equal-size: no folder {dir}; set skipped");
                continue;
            }

            var list = Directory.GetFiles(dir, "*.png").Order(StringComparer.Ordinal).ToList();
            files.AddRange((maxImages > 0 ? list.Take(maxImages) : list).Select(p => (set, p)));
        }

        var rows = new ConcurrentBag<Row>();
        DirectoryInfo temp = Directory.CreateTempSubdirectory("rsg-equal-");
        try
        {
            Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs) }, file =>
            {
                foreach (Row row in Compare(file.Set, file.Path, qualities, segmenter, cache, temp.FullName))
                {
                    rows.Add(row);
                    Console.Error.WriteLine(row.Line());
                }
            });
        }
        finally
        {
            temp.Delete(recursive: true);
        }

        List<Row> sorted = rows.OrderBy(r => r.Set, StringComparer.Ordinal).ThenBy(r => r.Image, StringComparer.Ordinal).ThenBy(r => r.Quality).ToList();
        string command = "equal-size " + string.Join(' ', args);
        string markdown = Markdown(sorted, sets, command, segmenter);
        Console.WriteLine(markdown);
        if (options.OptionalText("--out") is { } outFile)
        {
            File.WriteAllText(outFile, markdown);
        }

        if (options.OptionalText("--doc") is { } doc)
        {
            // Replace what stands between the markers, so docs/segmentation.md is regenerated rather than edited.
            const string Begin = "<!-- equal-size:begin -->", End = "<!-- equal-size:end -->";
            string text = File.ReadAllText(doc);
            int b = text.IndexOf(Begin, StringComparison.Ordinal), e = text.IndexOf(End, StringComparison.Ordinal);
            if (b < 0 || e < b)
            {
                Console.Error.WriteLine($"equal-size: {doc} has no {Begin} ... {End} markers; not updated");
                return 1;
            }

            File.WriteAllText(doc, text[..(b + Begin.Length)] + "\n" + markdown.Replace("## The default encode", "### The default encode", StringComparison.Ordinal) + text[e..]);
        }

        if (options.OptionalText("--csv") is { } csvFile)
        {
            var csv = new StringBuilder("set,image,quality,default_bytes,one_quality,one_bytes,psnr_y_default,psnr_y_one,msssim_y_default,msssim_y_one,butteraugli_default,butteraugli_one,regions\n");
            foreach (Row r in sorted)
            {
                csv.AppendLine(Inv, $"{r.Set},{r.Image},{r.Quality},{r.DefaultBytes},{r.OneQuality},{r.OneBytes},{r.PsnrDefault:F4},{r.PsnrOne:F4},{r.MsSsimDefault:F6},{r.MsSsimOne:F6},{r.BaDefault:F4},{r.BaOne:F4},{r.Regions}");
            }

            File.WriteAllText(csvFile, csv.ToString());
        }

        return 0;
    }

    /// <summary>One image at every target quality: the default encode against the one-region encode not larger than it.</summary>
    private static IEnumerable<Row> Compare(string set, string path, int[] qualities, IRsgSegmenter segmenter, JudgeCache cache, string temp)
    {
        RgbImage s = RgbImage.Load(path);
        string name = Path.GetFileNameWithoutExtension(path);
        string work = Path.Combine(temp, set + "-" + name);
        Directory.CreateDirectory(work);
        string reference = Path.Combine(work, "ref.png");
        ExternalTools.WritePng(reference, s.Pixels, s.Width, s.Height);
        double[] luma = ImageMetrics.Luma(s.Pixels, s.Width, s.Height);
        var oneRegion = new Dictionary<int, byte[]>();
        byte[] One(int q) => oneRegion.TryGetValue(q, out byte[]? known) ? known : oneRegion[q] = Encode(s, new RsgEncoderOptions { Quality = q }, null);

        var rows = new List<Row>();
        foreach (int q in qualities)
        {
            RsgSegmentation seg = segmenter.Segment(s.Pixels, s.Width, s.Height, s.Stride, RsgPixelFormat.Rgb24, new RsgSegmenterOptions { TargetQuality = q });
            seg = GraphicsRegionChoice.KeepIfItPays(s.Pixels, s.Width, s.Height, s.Stride, RsgPixelFormat.Rgb24, seg, q, new RsgEncoderOptions { Quality = q });
            byte[] chosen = Encode(s, new RsgEncoderOptions { Quality = q, Regions = seg.Regions }, seg.Labels);

            // The highest one-region quality whose file is not larger (sizes grow with quality up to small wobbles).
            int lo = 0, hi = 101;
            while (hi - lo > 1)
            {
                int mid = (lo + hi) / 2;
                if (One(mid).Length <= chosen.Length)
                {
                    lo = mid;
                }
                else
                {
                    hi = mid;
                }
            }

            int oneQ = Math.Max(1, lo);
            byte[] one = One(oneQ);
            (double psnrD, double msD, double baD) = cache.GetOrAdd(JudgeCache.Key(set + "/" + name, chosen), () => Judge(s, luma, chosen, reference, work));
            (double psnrO, double msO, double baO) = cache.GetOrAdd(JudgeCache.Key(set + "/" + name, one), () => Judge(s, luma, one, reference, work));
            string regions = string.Join(' ', seg.Regions.Select((r, l) => $"{r.Quality}:{Share(seg.Labels, l):F0}%"));
            rows.Add(new Row(set, name, q, chosen.Length, oneQ, one.Length, psnrD, psnrO, msD, msO, baD, baO, regions));
        }

        Directory.Delete(work, recursive: true);
        return rows;
    }

    private static double Share(RsgLabelMap map, int label) => 100.0 * map.Labels.Count(l => l == label) / map.Labels.Length;

    private static byte[] Encode(RgbImage s, RsgEncoderOptions options, RsgLabelMap? labels) =>
        RsgEncoder.Encode(s.Pixels, s.Width, s.Height, s.Stride, RsgPixelFormat.Rgb24, new RsgEncoderOptions
        {
            Quality = options.Quality,
            Regions = options.Regions,
            MaxDegreeOfParallelism = 1,
        }, labels);

    private static (double PsnrY, double MsSsimY, double Butteraugli) Judge(RgbImage s, double[] luma, byte[] file, string reference, string work)
    {
        RsgImage decoded = RsgDecoder.Decode(file, new RsgDecoderOptions { MaxDegreeOfParallelism = 1 });
        double[] y = ImageMetrics.Luma(decoded.Pixels, s.Width, s.Height);
        return (ImageMetrics.Psnr(luma, y), ImageMetrics.MsSsim(luma, y, s.Width, s.Height),
            Butteraugli.Distance(reference, decoded.Pixels, s.Width, s.Height, work));
    }

    private static string Markdown(List<Row> rows, string[] sets, string command, PerceptualSegmenter segmenter)
    {
        var md = new StringBuilder();
        md.AppendLine("## The default encode against one region of the same size");
        md.AppendLine();
        md.AppendLine(Inv, $"Generated by `bench/Codec.Benchmarks {command}`. Default: `PerceptualSegmenter` (strength {segmenter.Strength}, step offsets -{segmenter.MaxFiner}..+{segmenter.MaxCoarser} in steps of {segmenter.ClassStep}, erosion {segmenter.NeighbourErosion}, smoothing {segmenter.SmoothingRadius}, coarsening floor {segmenter.CoarseningFloor}, nothing coarsened when {segmenter.TextShare * 100:0}% of the coarsened blocks are text: {segmenter.StrokeShare * 100:0}% of pixels at gradient {segmenter.StrokeGradient} or more, {segmenter.TwoLevelShare * 100:0}% near the block's min or max) at target quality Q, size S;");
        md.AppendLine("one region: the highest quality whose file is at most S. Differences are default minus one region; butteraugli change is the mean over");
        md.AppendLine("images of (default / one region - 1), negative = the default looks better. Win = lower butteraugli.");
        md.AppendLine();
        md.AppendLine("| Set | Q | n | Mean size ratio | PSNR-Y diff (dB) | MS-SSIM-Y diff | Butteraugli change | Wins |");
        md.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|");
        foreach (string set in sets.Append("all"))
        {
            foreach (int? q in rows.Select(r => r.Quality).Distinct().Order().Cast<int?>().Append(null))
            {
                var group = rows.Where(r => (set == "all" || r.Set == set) && (q is null || r.Quality == q)).ToList();
                if (group.Count == 0)
                {
                    continue;
                }

                md.AppendLine(Inv, $"| {set} | {(q is null ? "all" : q.ToString())} | {group.Count} | {group.Average(r => (double)r.OneBytes / r.DefaultBytes):F3} | {group.Average(r => r.PsnrDefault - r.PsnrOne):+0.00;-0.00} | {group.Average(r => r.MsSsimDefault - r.MsSsimOne):+0.0000;-0.0000} | {group.Average(r => (r.BaDefault / r.BaOne) - 1):+0.0%;-0.0%} | {group.Count(r => r.BaDefault < r.BaOne)}/{group.Count} |");
            }
        }

        md.AppendLine();
        md.AppendLine("Per image:");
        md.AppendLine();
        md.AppendLine("| Image | Q | Default bytes | One-region q | One-region bytes | PSNR-Y default / one | MS-SSIM-Y default / one | Butteraugli default / one | Regions (quality:share) |");
        md.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|---|");
        foreach (Row r in rows)
        {
            md.AppendLine(Inv, $"| {r.Set}/{r.Image} | {r.Quality} | {r.DefaultBytes:N0} | {r.OneQuality} | {r.OneBytes:N0} | {r.PsnrDefault:F2} / {r.PsnrOne:F2} | {r.MsSsimDefault:F4} / {r.MsSsimOne:F4} | {r.BaDefault:F3} / {r.BaOne:F3} | {r.Regions} |");
        }

        return md.ToString();
    }

    private sealed record Row(string Set, string Image, int Quality, long DefaultBytes, int OneQuality, long OneBytes,
        double PsnrDefault, double PsnrOne, double MsSsimDefault, double MsSsimOne, double BaDefault, double BaOne, string Regions)
    {
        public string Line() => string.Create(Inv, $"  {Set}/{Image} q{Quality}: {DefaultBytes} B vs q{OneQuality} {OneBytes} B; PSNR-Y {PsnrDefault - PsnrOne:+0.00;-0.00} dB, MS-SSIM {MsSsimDefault - MsSsimOne:+0.0000;-0.0000}, butteraugli {BaDefault:F3} vs {BaOne:F3} ({(BaDefault / BaOne) - 1:+0.0%;-0.0%})");
    }
}
