using System.Diagnostics;
using System.Globalization;
using System.Text;
using OpenCvSharp;
using RegionCodec.Segmentation;
using RegionCodec.Segmentation.OpenCv;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace RegionCodec.Benchmarks;

/// <summary>
/// <c>alpha</c>: makes RGBA test images (GrabCut cut-outs of photographs with feathered edges, and a soft
/// radial gradient) and compares the bytes of .rsg's alpha plane (its ALPH chunks) with WebP's lossless
/// alpha, printing the table of docs/alpha.md.
/// </summary>
/// <remarks>
/// WebP alpha bytes: lossless = size(cwebp -lossless -exact RGBA) − size(cwebp -lossless -exact -noalpha),
/// both with -alpha_q 100, so the RGB coded is identical; lossy colour = the same difference at -q 90
/// -alpha_q 100, and also the size of the file's ALPH chunk, which holds exactly the alpha.
/// </remarks>
internal static class AlphaCommand
{
    private static readonly string[] DefaultImages =
    [
        "kodak/kodim04.png", "kodak/kodim20.png", "kodak/kodim23.png",
        "clic/clic_portrait_blue_hair.png", "clic/clic_portrait_young_man.png", "clic/clic_blue_van.png",
    ];

    /// <summary>Gaussian feathering of the cut-out's edge (sigma in pixels), like an editor's "feather".</summary>
    private const double FeatherSigma = 1.5;

    public static int Run(string[] args)
    {
        string images = Option(args, "--images") ?? "../shared/images";
        string output = Option(args, "--out") ?? Path.Combine(Path.GetTempPath(), "rsg-alpha");
        string? doc = Option(args, "--table");
        if (Option(args, "--test-data") is string testData)
        {
            WriteTestData(images, testData);
            return 0;
        }

        Directory.CreateDirectory(output);
        string cwebp = ExternalTools.FindOnPath("cwebp") ?? throw new InvalidOperationException("cwebp is not on PATH (apt-get install webp)");

        var rows = new List<string>();
        long totalRsg = 0, totalLossless = 0, totalLossy = 0, totalBest = 0;
        foreach (string relative in DefaultImages)
        {
            string source = Path.Combine(images, relative);
            string name = Path.GetFileNameWithoutExtension(relative);
            (byte[] rgba, int width, int height) = MakeCutout(source);
            rows.Add(Measure($"{name} cut-out", rgba, width, height, output, cwebp, ref totalRsg, ref totalLossless, ref totalLossy, ref totalBest));
        }

        {
            string source = Path.Combine(images, "kodak/kodim05.png");
            (byte[] rgba, int width, int height) = MakeGradient(source);
            rows.Add(Measure("kodim05 radial gradient", rgba, width, height, output, cwebp, ref totalRsg, ref totalLossless, ref totalLossy, ref totalBest));
        }

        var table = new StringBuilder();
        table.AppendLine("| image | pixels | .rsg ALPH bytes | bits/pixel | WebP lossless: alpha bytes (difference) | ratio | WebP -q 90: ALPH chunk | ratio | WebP -m 6 -alpha_filter best: ALPH chunk | ratio | .rsg alpha decode, ms |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (string row in rows)
        {
            table.AppendLine(row);
        }

        table.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"| **total** | | {totalRsg} | | {totalLossless} | {(double)totalRsg / totalLossless:0.00} | {totalLossy} | {(double)totalRsg / totalLossy:0.00} | {totalBest} | {(double)totalRsg / totalBest:0.00} | |"));
        Console.Write(table);
        if (doc is not null)
        {
            File.WriteAllText(doc, table.ToString());
        }

        return 0;
    }

    /// <summary>
    /// Writes the tests' RGBA photographs: 256x256 crops of the kodim23 and kodim04 cut-outs, each where the
    /// most pixels are partly transparent (the feathered edge), so small files still exercise the edge coding.
    /// </summary>
    private static void WriteTestData(string images, string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (string name in new[] { "kodim23", "kodim04" })
        {
            (byte[] rgba, int width, int height) = MakeCutout(Path.Combine(images, "kodak", name + ".png"));
            const int side = 256;
            (int bestX, int bestY, int bestCount) = (0, 0, -1);
            for (int y0 = 0; y0 + side <= height; y0 += 32)
            {
                for (int x0 = 0; x0 + side <= width; x0 += 32)
                {
                    int count = 0;
                    for (int y = y0; y < y0 + side; y++)
                    {
                        for (int x = x0; x < x0 + side; x++)
                        {
                            byte a = rgba[(((y * width) + x) * 4) + 3];
                            count += a is > 0 and < 255 ? 1 : 0;
                        }
                    }

                    if (count > bestCount)
                    {
                        (bestX, bestY, bestCount) = (x0, y0, count);
                    }
                }
            }

            using Image<Rgba32> image = Image.LoadPixelData<Rgba32>(rgba, width, height);
            image.Mutate(c => c.Crop(new Rectangle(bestX, bestY, side, side)));
            string path = Path.Combine(folder, $"{name}-cutout.png");
            image.SaveAsPng(path);
            Console.WriteLine($"{path}: crop at ({bestX}, {bestY}), {bestCount} partly transparent pixels");
        }
    }

    /// <summary>
    /// GrabCut's foreground (started from the saliency mask) as a 0/255 matte at full size, feathered with a
    /// Gaussian blur so its edges are anti-aliased ramps a few pixels wide.
    /// </summary>
    public static (byte[] Rgba, int Width, int Height) MakeCutout(string path)
    {
        (byte[] rgb, int width, int height) = LoadRgb(path);
        using Mat bgr = OpenCvRuntime.ToBgrMat(rgb, width, height, width * 3, RsgPixelFormat.Rgb24);
        PixelSegmentation cut = new GrabCutSegmenter { FallBackToCentered = true }.SegmentPixels(bgr, RsgSegmenterOptions.Default);
        byte[] matte = new byte[width * height];
        for (int i = 0; i < matte.Length; i++)
        {
            matte[i] = cut.Labels[i] != 0 ? (byte)255 : (byte)0;
        }

        using Mat mask = OpenCvRuntime.FromBytes(matte, width, height);
        Cv2.GaussianBlur(mask, mask, new OpenCvSharp.Size(0, 0), FeatherSigma);
        return (Combine(rgb, OpenCvRuntime.ToBytes(mask)), width, height);
    }

    /// <summary>A vignette: opaque in the middle, fading smoothly to transparent at the corners.</summary>
    public static (byte[] Rgba, int Width, int Height) MakeGradient(string path)
    {
        (byte[] rgb, int width, int height) = LoadRgb(path);
        byte[] alpha = new byte[width * height];
        double cx = (width - 1) / 2.0, cy = (height - 1) / 2.0, radius = Math.Sqrt((cx * cx) + (cy * cy));
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double r = Math.Sqrt(((x - cx) * (x - cx)) + ((y - cy) * (y - cy))) / radius;
                double t = Math.Clamp((r - 0.35) / 0.65, 0, 1);
                alpha[(y * width) + x] = (byte)Math.Round(255 * (1 - (t * t * (3 - (2 * t)))));
            }
        }

        return (Combine(rgb, alpha), width, height);
    }

    private static string Measure(string label, byte[] rgba, int width, int height, string output, string cwebp,
        ref long totalRsg, ref long totalLossless, ref long totalLossy, ref long totalBest)
    {
        string stem = Path.Combine(output, label.Replace(' ', '-'));
        string png = stem + ".png";
        using (Image<Rgba32> image = Image.LoadPixelData<Rgba32>(rgba, width, height))
        {
            image.SaveAsPng(png);
        }

        byte[] rsg = RsgEncoder.Encode(rgba, width, height, width * 4, RsgPixelFormat.Rgba32);
        File.WriteAllBytes(stem + ".rsg", rsg);
        long alphaBytes = 0;
        foreach (RsgChunk chunk in RsgChunk.Walk(rsg))
        {
            if (chunk.TypeText == "ALPH")
            {
                alphaBytes += chunk.Size;
            }
        }

        RsgImage decoded = RsgDecoder.Decode(rsg);
        for (int i = 3; i < rgba.Length; i += 4)
        {
            if (decoded.Pixels[i] != rgba[i])
            {
                throw new InvalidOperationException($"{label}: alpha not lossless at pixel {i / 4}");
            }
        }

        double decodeMs = TimeAlphaDecode(rsg);
        long lossless = WebpBytes(cwebp, png, stem + "-ll", "-lossless", "-exact");
        long lossyDiff = WebpBytes(cwebp, png, stem + "-q90", "-q", "90");
        long lossyChunk = WebpAlphaChunk(stem + "-q90.webp");
        WebpBytes(cwebp, png, stem + "-best", "-q", "90", "-m", "6", "-alpha_filter", "best");
        long bestChunk = WebpAlphaChunk(stem + "-best.webp");
        totalRsg += alphaBytes;
        totalLossless += lossless;
        totalLossy += lossyChunk;
        totalBest += bestChunk;
        Console.Error.WriteLine($"{label}: rsg {alphaBytes}, webp lossless {lossless}, webp q90 diff {lossyDiff} / ALPH chunk {lossyChunk}, best filter {bestChunk}");
        return string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {width}x{height} | {alphaBytes} | {(double)alphaBytes * 8 / (width * height):0.000} | {lossless} | {(double)alphaBytes / lossless:0.00} | {lossyChunk} | {(double)alphaBytes / lossyChunk:0.00} | {bestChunk} | {(double)alphaBytes / bestChunk:0.00} | {decodeMs:0.0} |");
    }

    /// <summary>Extra bytes WebP spends on alpha: the RGBA file minus the same encode with -noalpha.</summary>
    private static long WebpBytes(string cwebp, string png, string stem, params string[] settings)
    {
        string with = stem + ".webp", without = stem + "-noalpha.webp";
        ExternalTools.Run(cwebp, [.. settings, "-alpha_q", "100", "-quiet", png, "-o", with]);
        ExternalTools.Run(cwebp, [.. settings, "-alpha_q", "100", "-noalpha", "-quiet", png, "-o", without]);
        return new FileInfo(with).Length - new FileInfo(without).Length;
    }

    /// <summary>Size of the ALPH chunk (8-byte head, data, padding) of an extended-format WebP file, 0 if none.</summary>
    private static long WebpAlphaChunk(string webp)
    {
        byte[] file = File.ReadAllBytes(webp);
        for (int at = 12; at + 8 <= file.Length;)
        {
            string type = System.Text.Encoding.ASCII.GetString(file, at, 4);
            long size = BitConverter.ToUInt32(file, at + 4);
            long total = 8 + size + (size & 1);
            if (type == "ALPH")
            {
                return total;
            }

            at += (int)total;
        }

        return 0;
    }

    /// <summary>
    /// What the alpha plane adds to a one-thread decode: the fastest of 15 decodes of the file minus the fastest of 15
    /// decodes of the same file with its ALPH chunks removed (after warm-up runs of both); minima, because the
    /// difference is small next to the colour decode and medians of two noisy runs often cross.
    /// </summary>
    private static double TimeAlphaDecode(byte[] rsg)
    {
        var options = new RsgDecoderOptions { MaxDegreeOfParallelism = 1 };
        byte[] colourOnly = StripAlpha(rsg);
        for (int i = 0; i < 3; i++)
        {
            RsgDecoder.Decode(rsg, options);
            RsgDecoder.Decode(colourOnly, options);
        }

        double Fastest(byte[] file)
        {
            var times = new List<double>();
            for (int i = 0; i < 15; i++)
            {
                var watch = Stopwatch.StartNew();
                RsgDecoder.Decode(file, options);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            return times.Min();
        }

        return Math.Max(0, Fastest(rsg) - Fastest(colourOnly));
    }

    /// <summary>The same file without its alpha plane: ALPH chunks removed and the RHDR flag cleared (CRC redone).</summary>
    private static byte[] StripAlpha(byte[] rsg)
    {
        using var output = new MemoryStream();
        output.Write(rsg, 0, 8);
        foreach (RsgChunk chunk in RsgChunk.Walk(rsg))
        {
            if (chunk.TypeText == "ALPH")
            {
                continue;
            }

            byte[] bytes = rsg.AsSpan((int)chunk.Offset, (int)chunk.Size).ToArray();
            if (chunk.TypeText == "RHDR")
            {
                bytes[8 + 15] &= 0xFE;
                uint crc = System.IO.Hashing.Crc32.HashToUInt32(bytes.AsSpan(4, 4 + 17));
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8 + 17), crc);
            }

            output.Write(bytes);
        }

        return output.ToArray();
    }

    private static (byte[] Rgb, int Width, int Height) LoadRgb(string path)
    {
        using Image<Rgb24> image = Image.Load<Rgb24>(path);
        byte[] rgb = new byte[image.Width * image.Height * 3];
        image.CopyPixelDataTo(rgb);
        return (rgb, image.Width, image.Height);
    }

    private static byte[] Combine(byte[] rgb, byte[] alpha)
    {
        byte[] rgba = new byte[alpha.Length * 4];
        for (int i = 0; i < alpha.Length; i++)
        {
            rgba[(4 * i) + 0] = rgb[(3 * i) + 0];
            rgba[(4 * i) + 1] = rgb[(3 * i) + 1];
            rgba[(4 * i) + 2] = rgb[(3 * i) + 2];
            rgba[(4 * i) + 3] = alpha[i];
        }

        return rgba;
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
