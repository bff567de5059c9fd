using System.Collections.Concurrent;
using System.Globalization;
using RegionCodec.Metrics;
using RegionCodec.Segmentation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.Benchmarks;

/// <summary>One encoded and decoded point of a rate-distortion sweep, with every metric against the original.</summary>
internal sealed record RdPoint(
    string Set, string Image, string Codec, string Setting, int Width, int Height, long Bytes,
    double PsnrRgb, double PsnrY, double SsimY, double MsSsimY,
    double RoiFraction, double PsnrYIn, double PsnrYOut, double SsimYIn, double SsimYOut, double Butteraugli = double.NaN)
{
    public double Bpp => Bytes * 8.0 / ((long)Width * Height);
}

/// <summary>A codec in the sweep: its settings (low to high rate) and how to encode + decode one image at one setting.</summary>
internal sealed record RdCodec(string Id, string Label, string Command, string[] Settings, Func<SweepImage, string, (long Bytes, byte[] Rgb)> Run);

/// <summary>An image of the sweep, with its files for the command-line encoders and its region-of-interest mask.</summary>
internal sealed class SweepImage
{
    public required string Set { get; init; }
    public required string Name { get; init; }
    public required RgbImage Source { get; init; }
    public required string WorkDir { get; init; }
    public string Ppm => Path.Combine(WorkDir, "src.ppm");
    public string Png => Path.Combine(WorkDir, "src.png");
    public required bool[] Roi { get; init; }

    /// <summary>The --masks file the ROI came from (null: activity fallback); the rsg-roi codecs encode with it.</summary>
    public string? MaskFile { get; init; }
    public double[] Luma { get; set; } = [];
}

internal static class RdSweep
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The codecs whose tools are available (missing peers are reported on stderr and skipped).</summary>
    public static List<RdCodec> Codecs(IReadOnlySet<string>? only, int points, List<string> notes)
    {
        var all = new List<RdCodec>();
        all.Add(new RdCodec("rsg", ".rsg", "RsgEncoder Quality=q, one region, 4:2:0, encoder defaults (tilted tables, deblocking, rate-aware quantization)",
            ["5", "15", "25", "40", "55", "70", "85", "95"], RunRsg));
        all.Add(new RdCodec("rsg-default", ".rsg (default)", "PerceptualSegmenter at target quality q, its regions and label map, the lossless graphics region kept where it pays (GraphicsRegionChoice): what rsgconv encode -q q and SaveAsRsg do",
            ["5", "15", "25", "40", "55", "70", "85", "95"], (img, q) => RunRsgDefault(img, q, new PerceptualSegmenter())));
        all.Add(new RdCodec("rsg-perceptual", ".rsg (perceptual classes, no graphics region)", "PerceptualSegmenter { DetectGraphics = false } at target quality q: the default without the lossless text/UI/graphics region (rsgconv encode --no-graphics)",
            ["5", "15", "25", "40", "55", "70", "85", "95"], (img, q) => RunRsgDefault(img, q, new PerceptualSegmenter { DetectGraphics = false })));
        all.Add(new RdCodec("rsg-annexk", ".rsg (Annex K, no deblocking)", "RsgEncoder Quality=q, QuantizationTables=JpegAnnexK, Deblocking=false: cjpeg's quantization, .rsg's entropy coding",
            ["5", "15", "25", "40", "55", "70", "85", "95"], (img, q) => RunRsg(img, q, RsgQuantizationTables.JpegAnnexK, deblocking: false)));
        all.Add(new RdCodec("imagesharp-jpeg", "JPEG (ImageSharp)", "ImageSharp 2.1.13 JpegEncoder Quality=q, 4:2:0",
            ["5", "15", "30", "45", "60", "75", "85", "93"], RunImageSharpJpeg));

        string? cjpeg = ExternalTools.FindOnPath("cjpeg"), djpeg = ExternalTools.FindOnPath("djpeg");
        string? cwebp = ExternalTools.FindOnPath("cwebp"), dwebp = ExternalTools.FindOnPath("dwebp");
        string? avifenc = ExternalTools.FindOnPath("avifenc"), avifdec = ExternalTools.FindOnPath("avifdec");
        string? cjxl = ExternalTools.FindOnPath("cjxl"), djxl = ExternalTools.FindOnPath("djxl");
        Add(cjpeg, djpeg, "libjpeg-turbo-progs", new RdCodec("jpeg", "JPEG (libjpeg-turbo)", "cjpeg -optimize -quality q (4:2:0); djpeg -ppm",
            ["5", "15", "30", "45", "60", "75", "85", "93"], (img, q) =>
            {
                string enc = Path.Combine(img.WorkDir, $"jpeg-{q}.jpg"), dec = Path.Combine(img.WorkDir, $"jpeg-{q}.ppm");
                ExternalTools.Run(cjpeg!, "-optimize", "-quality", q, "-outfile", enc, img.Ppm);
                ExternalTools.Run(djpeg!, "-ppm", "-outfile", dec, enc);
                return Finish(img, enc, dec);
            }), cjpeg is null ? null : ExternalTools.Version(cjpeg, "-version"));
        Add(cwebp, dwebp, "webp", new RdCodec("webp", "WebP", "cwebp -m 6 -sharp_yuv -q q; dwebp -ppm",
            ["0", "10", "25", "40", "55", "70", "85", "95"], (img, q) =>
            {
                string enc = Path.Combine(img.WorkDir, $"webp-{q}.webp"), dec = Path.Combine(img.WorkDir, $"webp-{q}.ppm");
                ExternalTools.Run(cwebp!, "-quiet", "-m", "6", "-sharp_yuv", "-q", q, img.Png, "-o", enc);
                ExternalTools.Run(dwebp!, "-quiet", enc, "-ppm", "-o", dec);
                return Finish(img, enc, dec);
            }), cwebp is null ? null : "cwebp " + ExternalTools.Version(cwebp, "-version"));
        Add(avifenc, avifdec, "libavif-bin", new RdCodec("avif", "AVIF", "avifenc -s 6 -j 1 --min q --max q (quantizer 60..8, default 4:4:4 from PNG); avifdec to PNG",
            ["60", "52", "44", "36", "28", "20", "14", "8"], (img, q) =>
            {
                string enc = Path.Combine(img.WorkDir, $"avif-{q}.avif"), dec = Path.Combine(img.WorkDir, $"avif-{q}.png");
                ExternalTools.Run(avifenc!, "-s", "6", "-j", "1", "--min", q, "--max", q, img.Png, enc);
                ExternalTools.Run(avifdec!, enc, dec);
                return Finish(img, enc, dec);
            }), avifenc is null ? null : ExternalTools.Version(avifenc, "--version"));
        Add(cjxl, djxl, "libjxl-tools", new RdCodec("jxl", "JPEG XL", "cjxl -e 7 -d dist --num_threads=1 (distance 12..0.55); djxl to PPM",
            ["12", "6", "3.5", "2.2", "1.5", "1.0", "0.75", "0.55"], (img, d) =>
            {
                string enc = Path.Combine(img.WorkDir, $"jxl-{d}.jxl"), dec = Path.Combine(img.WorkDir, $"jxl-{d}.ppm");
                ExternalTools.Run(cjxl!, "-e", "7", "-d", d, "--num_threads=1", img.Png, enc);
                ExternalTools.Run(djxl!, enc, dec, "--num_threads=1");
                return Finish(img, enc, dec);
            }), cjxl is null ? null : ExternalTools.Version(cjxl, "--version"));

        // ROI rate allocation (rsg-roi, rsg-roi-wW): see RoiSweepCodec.cs.
        all.AddRange(RoiSweepCodec.Create(only));
        // End of ROI rate allocation.

        return all.Where(c => only is null || only.Contains(c.Id))
            .Select(c => c with { Settings = Thin(c.Settings, points) }).ToList();

        void Add(string? encoder, string? decoder, string package, RdCodec codec, string? version)
        {
            if (encoder is null || decoder is null)
            {
                string message = $"{codec.Label}: encoder/decoder not on PATH, skipped (apt-get install -y {package}).";
                Console.Error.WriteLine(message);
                notes.Add(message);
                return;
            }

            all.Add(codec with { Command = $"{codec.Command} [{version}]" });
        }
    }

    /// <summary>Keeps <paramref name="points"/> settings spread evenly over the list, both ends included.</summary>
    public static string[] Thin(string[] settings, int points)
    {
        if (points <= 0 || points >= settings.Length)
        {
            return settings;
        }

        if (points == 1)
        {
            return [settings[settings.Length / 2]];
        }

        return Enumerable.Range(0, points).Select(i => settings[(int)Math.Round(i * (settings.Length - 1) / (double)(points - 1))]).Distinct().ToArray();
    }

    /// <summary>Encodes every image at every setting of every codec, images in parallel (at most <paramref name="jobs"/> at once).</summary>
    /// <param name="butteraugli">Also judge every point with butteraugli (when installed): about 0.7 s per Kodak-sized point.</param>
    public static List<RdPoint> Run(IReadOnlyList<(string Set, string Path)> files, IReadOnlyList<RdCodec> codecs, string? maskDir, int jobs, bool butteraugli = true)
    {
        var results = new ConcurrentBag<RdPoint>();
        DirectoryInfo temp = Directory.CreateTempSubdirectory("rsg-rd-");
        try
        {
            int done = 0;
            Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs) }, file =>
            {
                SweepImage image = Prepare(file.Set, file.Path, temp.FullName, maskDir);
                foreach (RdCodec codec in codecs)
                {
                    foreach (string setting in codec.Settings)
                    {
                        try
                        {
                            (long bytes, byte[] rgb) = codec.Run(image, setting);
                            results.Add(Measure(image, codec.Id, setting, bytes, rgb, butteraugli));
                        }
                        catch (Exception ex) when (ex is InvalidOperationException or IOException or InvalidDataException or ImageFormatException)
                        {
                            Console.Error.WriteLine($"  {image.Name} {codec.Id} {setting}: FAILED {ex.Message}");
                        }
                    }
                }

                Directory.Delete(image.WorkDir, recursive: true);
                Console.Error.WriteLine($"  [{Interlocked.Increment(ref done)}/{files.Count}] {file.Set}/{image.Name}");
            });
        }
        finally
        {
            temp.Delete(recursive: true);
        }

        return results.OrderBy(p => p.Set, StringComparer.Ordinal).ThenBy(p => p.Image, StringComparer.Ordinal)
            .ThenBy(p => p.Codec, StringComparer.Ordinal).ThenBy(p => p.Bytes).ToList();
    }

    private static SweepImage Prepare(string set, string path, string temp, string? maskDir)
    {
        RgbImage source = RgbImage.Load(path);
        string name = Path.GetFileNameWithoutExtension(path);
        string work = Path.Combine(temp, set + "-" + name);
        Directory.CreateDirectory(work);
        var image = new SweepImage { Set = set, Name = name, Source = source, WorkDir = work, Roi = RoiMask(source, name, maskDir), MaskFile = MaskFileFor(source, name, maskDir) };
        image.Luma = ImageMetrics.Luma(source.Pixels, source.Width, source.Height);
        ExternalTools.WritePpm(image.Ppm, source.Pixels, source.Width, source.Height);
        ExternalTools.WritePng(image.Png, source.Pixels, source.Width, source.Height);
        return image;
    }

    /// <summary>
    /// The region of interest: <c>MASKDIR/NAME.png</c> (non-zero = inside) when given and present, else the
    /// "detail" region of rsgconv's default <c>activity</c> segmentation.
    /// </summary>
    private static bool[] RoiMask(RgbImage source, string name, string? maskDir)
    {
        int w = source.Width, h = source.Height;
        var roi = new bool[w * h];
        string? maskFile = maskDir is null ? null : Path.Combine(maskDir, name + ".png");
        if (maskFile is not null && File.Exists(maskFile))
        {
            using Image<L8> mask = Image.Load<L8>(maskFile);
            if (mask.Width == w && mask.Height == h)
            {
                var l = new byte[w * h];
                mask.CopyPixelDataTo(l);
                for (int i = 0; i < l.Length; i++)
                {
                    roi[i] = l[i] != 0;
                }

                return roi;
            }
        }

        RsgSegmentation seg = new ActivitySegmenter().Segment(source.Pixels, w, h, source.Stride, RsgPixelFormat.Rgb24, RsgSegmenterOptions.Default);
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                roi[(y * w) + x] = seg.Labels.LabelAtPixel(x, y) != 0;
            }
        }

        return roi;
    }

    /// <summary>The mask <see cref="RoiMask"/> uses for this image, or null when it falls back to the activity segmentation.</summary>
    private static string? MaskFileFor(RgbImage source, string name, string? maskDir)
    {
        string? file = maskDir is null ? null : Path.Combine(maskDir, name + ".png");
        return file is not null && File.Exists(file) && Image.Identify(file) is { } info && info.Width == source.Width && info.Height == source.Height ? file : null;
    }

    private static RdPoint Measure(SweepImage image, string codec, string setting, long bytes, byte[] rgb, bool butteraugli)
    {
        RgbImage s = image.Source;
        double[] y = ImageMetrics.Luma(rgb, s.Width, s.Height);
        double[] map = ImageMetrics.SsimMap(image.Luma, y, s.Width, s.Height, out _);
        double roiFraction = image.Roi.Count(b => b) / (double)image.Roi.Length;
        return new RdPoint(image.Set, image.Name, codec, setting, s.Width, s.Height, bytes,
            ImageMetrics.PsnrRgb(s.Pixels, rgb), ImageMetrics.Psnr(image.Luma, y),
            ImageMetrics.MeanOfMap(map, null, true), ImageMetrics.MsSsim(image.Luma, y, s.Width, s.Height),
            roiFraction,
            ImageMetrics.Psnr(image.Luma, y, image.Roi, true), ImageMetrics.Psnr(image.Luma, y, image.Roi, false),
            ImageMetrics.MeanOfMap(map, image.Roi, true), ImageMetrics.MeanOfMap(map, image.Roi, false),
            butteraugli ? Butteraugli.Distance(image.Png, rgb, s.Width, s.Height, image.WorkDir) : double.NaN);
    }

    private static (long, byte[]) Finish(SweepImage img, string encoded, string decoded)
    {
        long bytes = new FileInfo(encoded).Length;
        byte[] rgb = ExternalTools.ReadRgb(decoded, img.Source.Width, img.Source.Height);
        File.Delete(encoded);
        File.Delete(decoded);
        return (bytes, rgb);
    }

    private static (long, byte[]) RunRsg(SweepImage img, string q) => RunRsg(img, q, RsgEncoderOptions.Default.QuantizationTables, RsgEncoderOptions.Default.Deblocking);

    private static (long, byte[]) RunRsg(SweepImage img, string q, RsgQuantizationTables tables, bool deblocking)
    {
        RgbImage s = img.Source;
        var options = new RsgEncoderOptions { Quality = int.Parse(q, Inv), QuantizationTables = tables, Deblocking = deblocking, MaxDegreeOfParallelism = 1 };
        byte[] rsg = RsgEncoder.Encode(s.Pixels, s.Width, s.Height, s.Stride, RsgPixelFormat.Rgb24, options);
        RsgImage decoded = RsgDecoder.Decode(rsg, new RsgDecoderOptions { MaxDegreeOfParallelism = 1 });
        return (rsg.Length, decoded.Pixels);
    }

    private static (long, byte[]) RunRsgDefault(SweepImage img, string q, PerceptualSegmenter segmenter)
    {
        RgbImage s = img.Source;
        int quality = int.Parse(q, Inv);
        RsgSegmentation seg = segmenter.Segment(s.Pixels, s.Width, s.Height, s.Stride, RsgPixelFormat.Rgb24, new RsgSegmenterOptions { TargetQuality = quality });
        seg = GraphicsRegionChoice.KeepIfItPays(s.Pixels, s.Width, s.Height, s.Stride, RsgPixelFormat.Rgb24, seg, quality,
            new RsgEncoderOptions { Quality = quality, MaxDegreeOfParallelism = 1 }); // as rsgconv encode and SaveAsRsg do
        var options = new RsgEncoderOptions { Quality = quality, Regions = seg.Regions, MaxDegreeOfParallelism = 1 };
        byte[] rsg = RsgEncoder.Encode(s.Pixels, s.Width, s.Height, s.Stride, RsgPixelFormat.Rgb24, options, seg.Labels);
        RsgImage decoded = RsgDecoder.Decode(rsg, new RsgDecoderOptions { MaxDegreeOfParallelism = 1 });
        return (rsg.Length, decoded.Pixels);
    }

    private static (long, byte[]) RunImageSharpJpeg(SweepImage img, string q)
    {
        using Image<Rgb24> image = img.Source.ToImageSharp();
        using var stream = new MemoryStream();
        image.Save(stream, new JpegEncoder { Quality = int.Parse(q, Inv), ColorType = JpegColorType.YCbCrRatio420 });
        return (stream.Length, ImageSharpSetup.DecodeToRgb(stream.ToArray()));
    }
}
