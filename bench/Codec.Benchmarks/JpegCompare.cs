using System.Globalization;
using System.Text;

namespace RegionCodec.Benchmarks;

/// <summary>
/// Rate-distortion check against the reference JPEG implementation: for every PNG in a folder, .rsg at quality Q
/// (4:2:0) against libjpeg-turbo's <c>cjpeg -optimize -quality Q</c> (its default sampling is also 4:2:0), both
/// scored by RGB PSNR against the original pixels.
/// </summary>
internal static class JpegCompare
{
    private const string DefaultDirectory = "/work/shared/images/kodak";

    private sealed record Row(string Name, int Width, int Height, long RsgBytes, double RsgPsnr, long JpegBytes, double JpegPsnr)
    {
        public long Pixels => (long)Width * Height;
    }

    public static int Run(string[] args)
    {
        int quality = 75;
        string directory = DefaultDirectory;
        string? outFile = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quality" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out int q) && q is >= 1 and <= 100:
                    quality = q;
                    i++;
                    break;
                case "--dir" when i + 1 < args.Length:
                    directory = args[++i];
                    break;
                case "--out" when i + 1 < args.Length:
                    outFile = args[++i];
                    break;
                case "-h" or "--help":
                    PrintUsage(Console.Out);
                    return 0;
                default:
                    Console.Error.WriteLine($"jpeg-compare: bad or incomplete argument '{args[i]}'.");
                    PrintUsage(Console.Error);
                    return 2;
            }
        }

        string? cjpeg = ExternalTools.FindOnPath("cjpeg");
        string? djpeg = ExternalTools.FindOnPath("djpeg");
        if (cjpeg is null || djpeg is null)
        {
            // Not an error: the comparison is optional tooling and must not fail a build script on a bare machine.
            Console.WriteLine("jpeg-compare: cjpeg/djpeg not found on PATH, nothing compared. " +
                "Install them with 'apt-get install libjpeg-turbo-progs'.");
            return 0;
        }

        if (!Directory.Exists(directory))
        {
            Console.Error.WriteLine($"jpeg-compare: directory not found: {directory}");
            return 1;
        }

        string[] files = Directory.GetFiles(directory, "*.png");
        Array.Sort(files, StringComparer.Ordinal);
        if (files.Length == 0)
        {
            Console.Error.WriteLine($"jpeg-compare: no .png files in {directory}");
            return 1;
        }

        DirectoryInfo temp = Directory.CreateTempSubdirectory("rsg-jpeg-compare-");
        try
        {
            var rows = new List<Row>(files.Length);
            foreach (string file in files)
            {
                Row row = CompareOne(file, quality, cjpeg, djpeg, temp.FullName);
                Console.Error.WriteLine($"  {row.Name}: .rsg {row.RsgBytes:N0} B {Db(row.RsgPsnr)} dB, JPEG {row.JpegBytes:N0} B {Db(row.JpegPsnr)} dB");
                rows.Add(row);
            }

            string report = BuildReport(rows, quality, directory, ExternalTools.Version(cjpeg, "-version"));
            Console.WriteLine(report);
            if (outFile is not null)
            {
                File.WriteAllText(outFile, report);
                Console.WriteLine($"Written to {Path.GetFullPath(outFile)}");
            }

            return 0;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or InvalidOperationException or RsgFormatException
            or SixLabors.ImageSharp.ImageFormatException or System.ComponentModel.Win32Exception)
        {
            Console.Error.WriteLine($"jpeg-compare: {ex.Message}");
            return 1;
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    private static Row CompareOne(string file, int quality, string cjpeg, string djpeg, string temp)
    {
        RgbImage source = RgbImage.Load(file);
        string name = Path.GetFileNameWithoutExtension(file);

        // Annex K tables and no deblocking: the same quantization as cjpeg at this quality, so the
        // comparison isolates the entropy coding (and the rate-aware quantizer).
        var options = new RsgEncoderOptions
        {
            Quality = quality,
            Subsampling = RsgChromaSubsampling.Yuv420,
            QuantizationTables = RsgQuantizationTables.JpegAnnexK,
            Deblocking = false,
        };
        byte[] rsg = RsgEncoder.Encode(source.Pixels, source.Width, source.Height, source.Stride, RsgPixelFormat.Rgb24, options);
        RsgImage rsgDecoded = RsgDecoder.Decode(rsg);
        if (rsgDecoded.PixelFormat != RsgPixelFormat.Rgb24 || rsgDecoded.Width != source.Width || rsgDecoded.Height != source.Height)
        {
            throw new InvalidDataException($"{name}: .rsg decoded to {rsgDecoded.Width}x{rsgDecoded.Height} {rsgDecoded.PixelFormat}.");
        }

        // cjpeg reads PPM, not PNG; going through the same decoded pixels keeps both codecs on identical input.
        string ppm = Path.Combine(temp, name + ".ppm");
        string jpg = Path.Combine(temp, name + ".jpg");
        string roundTrip = Path.Combine(temp, name + ".out.ppm");
        ExternalTools.WritePpm(ppm, source.Pixels, source.Width, source.Height);
        ExternalTools.Run(cjpeg, "-optimize", "-quality", quality.ToString(CultureInfo.InvariantCulture), "-outfile", jpg, ppm);
        ExternalTools.Run(djpeg, "-ppm", "-outfile", roundTrip, jpg);
        byte[] jpegDecoded = ExternalTools.ReadRgb(roundTrip, source.Width, source.Height);

        return new Row(name, source.Width, source.Height,
            rsg.Length, Psnr.Rgb(source.Pixels, rsgDecoded.Pixels),
            new FileInfo(jpg).Length, Psnr.Rgb(source.Pixels, jpegDecoded));
    }

    private static string BuildReport(List<Row> rows, int quality, string directory, string jpegVersion)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"## .rsg vs JPEG at quality {quality}, 4:2:0 ({rows.Count} images from `{directory}`)");
        sb.AppendLine();
        sb.AppendLine(inv, $"JPEG: `cjpeg -optimize -quality {quality}` ({jpegVersion}). PSNR: RGB, one MSE over all three channels.");
        sb.AppendLine();
        sb.AppendLine("| Image | Size | .rsg bytes | .rsg bpp | .rsg PSNR (dB) | JPEG bytes | JPEG bpp | JPEG PSNR (dB) | Bytes .rsg/JPEG | PSNR .rsg-JPEG (dB) |");
        sb.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (Row r in rows)
        {
            sb.AppendLine(inv, $"| {r.Name} | {r.Width}x{r.Height} | {r.RsgBytes:N0} | {Bpp(r.RsgBytes, r.Pixels)} | {Db(r.RsgPsnr)} " +
                $"| {r.JpegBytes:N0} | {Bpp(r.JpegBytes, r.Pixels)} | {Db(r.JpegPsnr)} | {(double)r.RsgBytes / r.JpegBytes:F3} | {r.RsgPsnr - r.JpegPsnr:+0.00;-0.00} |");
        }

        long rsgTotal = rows.Sum(r => r.RsgBytes);
        long jpegTotal = rows.Sum(r => r.JpegBytes);
        long pixels = rows.Sum(r => r.Pixels);
        double rsgMean = rows.Average(r => r.RsgPsnr);
        double jpegMean = rows.Average(r => r.JpegPsnr);
        double ratio = (double)rsgTotal / jpegTotal;
        sb.AppendLine(inv, $"| **Total / mean** | {pixels / 1e6:F2} MP | {rsgTotal:N0} | {Bpp(rsgTotal, pixels)} | {Db(rsgMean)} " +
            $"| {jpegTotal:N0} | {Bpp(jpegTotal, pixels)} | {Db(jpegMean)} | {ratio:F3} | {rsgMean - jpegMean:+0.00;-0.00} |");
        sb.AppendLine();
        sb.AppendLine(inv, $"Size ratio total_rsg_bytes / total_jpeg_bytes = {ratio:F4} (.rsg is {Math.Abs(1 - ratio) * 100:F1}% {(ratio <= 1 ? "smaller" : "larger")}).");
        sb.AppendLine(inv, $"Mean PSNR: .rsg {Db(rsgMean)} dB, JPEG {Db(jpegMean)} dB; difference .rsg - JPEG = {rsgMean - jpegMean:+0.00;-0.00} dB.");
        return sb.ToString();
    }

    private static string Bpp(long bytes, long pixels) => (bytes * 8.0 / pixels).ToString("F3", CultureInfo.InvariantCulture);

    private static string Db(double psnr) => double.IsPositiveInfinity(psnr) ? "inf" : psnr.ToString("F2", CultureInfo.InvariantCulture);

    private static void PrintUsage(TextWriter writer) =>
        writer.WriteLine("usage: RegionCodec.Benchmarks jpeg-compare [--quality 1..100 (75)] [--dir FOLDER (kodak)] [--out FILE.md]");
}
