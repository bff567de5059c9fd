using System.Diagnostics;
using RegionCodec.ImageSharp;
using RegionCodec.Metrics;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace RegionCodec.Benchmarks;

/// <summary>
/// <c>decode-ratio PHOTO.png [--tiles 2] [--jpeg-quality 75] [--runs 15] [--rounds 3]</c>: the issues' decode
/// measurement. The photograph tiled N x N (a 2-3 MP CLIC portrait gives about 11 MP), a JPEG of it from ImageSharp, and a
/// one-region .rsg at the lowest quality (step 5) whose PSNR-Y is at least the JPEG's; both decoded through
/// <c>Image.Load&lt;Rgb24&gt;</c> (the .rsg plugin) in this process, on 1 and 2 threads, alternating the two codecs.
/// Prints median times and the ratio JPEG time / .rsg time (1.0 = as fast as ImageSharp's JPEG decoder), and the plugin's
/// time against <see cref="RsgDecoder.Decode(ReadOnlyMemory{byte}, RsgDecoderOptions?, CancellationToken)"/> into its own buffer.
/// </summary>
internal static class DecodeRatioCommand
{
    public static int Run(string[] args)
    {
        var options = new CommandArgs(args);
        if (args.Length < 1 || options.WantsHelp)
        {
            Console.Error.WriteLine("usage: RegionCodec.Benchmarks decode-ratio PHOTO.png [--tiles 2] [--jpeg-quality 75] [--runs 15] [--rounds 3]");
            return 2;
        }

        int tiles = options.Int("--tiles", 2), jpegQuality = options.Int("--jpeg-quality", 75);
        int runs = options.Int("--runs", 15), rounds = options.Int("--rounds", 3);
        using Image<Rgb24> photo = Tile(args[0], tiles);
        int width = photo.Width, height = photo.Height;
        byte[] source = new byte[width * height * 3];
        photo.CopyPixelDataTo(source);

        var plugin = new Configuration(new JpegConfigurationModule(), new RsgConfigurationModule());
        using var jpegFile = new MemoryStream();
        photo.SaveAsJpeg(jpegFile, new JpegEncoder { Quality = jpegQuality });
        byte[] jpeg = jpegFile.ToArray();
        double jpegPsnr = PsnrY(source, Decode(plugin, jpeg, width, height), width, height);
        (int quality, byte[] rsg, double rsgPsnr) = EqualPsnr(source, width, height, jpegPsnr, plugin);
        Console.WriteLine($"{Path.GetFileName(args[0])} tiled {tiles}x{tiles}: {width}x{height} ({width * (double)height / 1e6:F1} MP)");
        Console.WriteLine($"  JPEG (ImageSharp) q{jpegQuality}: {jpeg.Length:N0} bytes, PSNR-Y {jpegPsnr:F2} dB");
        Console.WriteLine($"  .rsg q{quality}, one region: {rsg.Length:N0} bytes, PSNR-Y {rsgPsnr:F2} dB");
        foreach (int threads in new[] { 1, 2 })
        {
            Configuration configuration = plugin.Clone();
            configuration.MaxDegreeOfParallelism = threads;
            var raw = new RsgDecoderOptions { MaxDegreeOfParallelism = threads };
            Median(configuration, jpeg, runs);
            Median(configuration, rsg, runs); // warm-up of both
            MedianRaw(rsg, raw, runs);
            double jpegMs = 0, rsgMs = 0, rawMs = 0;
            for (int round = 0; round < rounds; round++)
            {
                jpegMs += Median(configuration, jpeg, runs) / rounds;
                rsgMs += Median(configuration, rsg, runs) / rounds;
                rawMs += MedianRaw(rsg, raw, runs) / rounds;
            }

            Console.WriteLine($"  {threads} thread(s): JPEG {jpegMs:F1} ms, .rsg {rsgMs:F1} ms; .rsg speed / JPEG speed = {jpegMs / rsgMs:F2}"
                + $" (RsgDecoder.Decode to its own buffer {rawMs:F1} ms: the plugin takes {rsgMs / rawMs:F2}x its time)");
        }

        return 0;
    }

    private static Image<Rgb24> Tile(string path, int tiles)
    {
        using Image<Rgb24> tile = Image.Load<Rgb24>(path);
        var image = new Image<Rgb24>(tile.Width * tiles, tile.Height * tiles);
        image.Mutate(c =>
        {
            for (int ty = 0; ty < tiles; ty++)
            {
                for (int tx = 0; tx < tiles; tx++)
                {
                    c.DrawImage(tile, new Point(tx * tile.Width, ty * tile.Height), 1f);
                }
            }
        });
        return image;
    }

    private static (int Quality, byte[] File, double Psnr) EqualPsnr(byte[] source, int width, int height, double target, Configuration plugin)
    {
        (int, byte[], double) last = default;
        for (int quality = 5; quality <= 100; quality += 5)
        {
            byte[] file = RsgEncoder.Encode(source, width, height, width * 3, RsgPixelFormat.Rgb24, new RsgEncoderOptions { Quality = quality });
            last = (quality, file, PsnrY(source, Decode(plugin, file, width, height), width, height));
            if (last.Item3 >= target)
            {
                break;
            }
        }

        return last;
    }

    private static byte[] Decode(Configuration configuration, byte[] file, int width, int height)
    {
        using Image<Rgb24> image = Image.Load<Rgb24>(configuration, file);
        byte[] pixels = new byte[width * height * 3];
        image.CopyPixelDataTo(pixels);
        return pixels;
    }

    private static double PsnrY(byte[] a, byte[] b, int width, int height) =>
        ImageMetrics.Psnr(ImageMetrics.Luma(a, width, height), ImageMetrics.Luma(b, width, height));

    private static double MedianRaw(byte[] file, RsgDecoderOptions options, int runs)
    {
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            RsgDecoder.Decode(file, options);
            times[i] = clock.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return times[runs / 2];
    }

    private static double Median(Configuration configuration, byte[] file, int runs)
    {
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            using (Image.Load<Rgb24>(configuration, file))
            {
            }

            times[i] = clock.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return times[runs / 2];
    }
}
