using System.Diagnostics;
using RegionCodec.ImageSharp;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.Benchmarks;

/// <summary>
/// <c>encode-ratio PHOTO.png [--quality 75] [--runs 9] [--rounds 3]</c>: the issues' encode measurement. In this process,
/// on 1 and 2 threads, alternating: ImageSharp's JPEG encoder (q75), a one-region .rsg (<see cref="RsgEncoder.Encode(ReadOnlySpan{byte}, int, int, int, RsgPixelFormat, RsgEncoderOptions?, RsgLabelMap?, CancellationToken)"/>
/// on the packed pixels) and <c>SaveAsRsg</c> with its defaults (the perceptual segmentation, the graphics choice, the encode).
/// Prints median megapixels per second and each .rsg encoder's speed as a fraction of the JPEG encoder's.
/// </summary>
internal static class EncodeRatioCommand
{
    public static int Run(string[] args)
    {
        var options = new CommandArgs(args);
        if (args.Length < 1 || options.WantsHelp)
        {
            Console.Error.WriteLine("usage: RegionCodec.Benchmarks encode-ratio PHOTO.png [--quality 75] [--runs 9] [--rounds 3]");
            return 2;
        }

        int quality = options.Int("--quality", 75), runs = options.Int("--runs", 9), rounds = options.Int("--rounds", 3);
        using Image<Rgb24> photo = Image.Load<Rgb24>(args[0]);
        int width = photo.Width, height = photo.Height;
        byte[] pixels = new byte[width * height * 3];
        photo.CopyPixelDataTo(pixels);
        double megapixels = width * (double)height / 1e6;
        Console.WriteLine($"{Path.GetFileName(args[0])}: {width}x{height} ({megapixels:F1} MP), quality {quality}");
        foreach (int threads in new[] { 1, 2 })
        {
            var configuration = new Configuration(new JpegConfigurationModule(), new RsgConfigurationModule()) { MaxDegreeOfParallelism = threads };
            using Image<Rgb24> image = photo.Clone(configuration);
            Action jpeg = () => image.Save(Stream.Null, new JpegEncoder { Quality = quality });
            Action oneRegion = () => RsgEncoder.Encode(pixels, width, height, width * 3, RsgPixelFormat.Rgb24,
                new RsgEncoderOptions { Quality = quality, MaxDegreeOfParallelism = threads });
            Action defaults = () => image.SaveAsRsg(Stream.Null, new RsgImageEncoder { Quality = quality });
            Action[] encoders = [jpeg, oneRegion, defaults];
            var ms = new double[encoders.Length];
            foreach (Action encode in encoders)
            {
                Median(encode, runs); // warm-up
            }

            for (int round = 0; round < rounds; round++)
            {
                for (int e = 0; e < encoders.Length; e++)
                {
                    ms[e] += Median(encoders[e], runs) / rounds;
                }
            }

            string Speed(double milliseconds) => $"{megapixels / milliseconds * 1000:F0} MP/s";
            Console.WriteLine($"  {threads} thread(s): ImageSharp JPEG {Speed(ms[0])}; .rsg one region {Speed(ms[1])} ({ms[0] / ms[1]:F2}x JPEG); "
                + $"SaveAsRsg defaults {Speed(ms[2])} ({ms[0] / ms[2]:F2}x JPEG)");
        }

        return 0;
    }

    private static double Median(Action encode, int runs)
    {
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            encode();
            times[i] = clock.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return times[runs / 2];
    }
}
