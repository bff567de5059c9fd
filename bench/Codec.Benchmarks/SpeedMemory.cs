using System.Diagnostics;
using System.Globalization;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.Benchmarks;

/// <summary>
/// Whole-process decode time (<c>rsgconv decode</c> against <c>djpeg</c>) on a large photograph, and peak memory of
/// a streaming decode of an 8000x8000 image into a PPM file.
/// </summary>
internal static class SpeedMemory
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Tiles the images (cycling through them, each cropped to its top-left tile) into a width x height RGB image.</summary>
    public static RgbImage Mosaic(IReadOnlyList<string> files, int tileW, int tileH, int width, int height)
    {
        var tiles = files.Select(RgbImage.Load).Where(t => t.Width >= tileW && t.Height >= tileH).ToList();
        var pixels = new byte[width * height * 3];
        int cols = (width + tileW - 1) / tileW;
        for (int ty = 0; ty * tileH < height; ty++)
        {
            for (int tx = 0; tx < cols; tx++)
            {
                RgbImage t = tiles[((ty * cols) + tx) % tiles.Count];
                int w = Math.Min(tileW, width - (tx * tileW)), h = Math.Min(tileH, height - (ty * tileH));
                for (int y = 0; y < h; y++)
                {
                    Array.Copy(t.Pixels, y * t.Stride, pixels, (((ty * tileH) + y) * width * 3) + (tx * tileW * 3), w * 3);
                }
            }
        }

        return new RgbImage($"mosaic {width}x{height}", width, height, pixels);
    }

    /// <summary>Median wall time in ms of <paramref name="runs"/> runs of a process (after one warm-up run).</summary>
    public static double MedianMs(string file, string[] arguments, int runs)
    {
        var times = new List<double>();
        for (int i = 0; i <= runs; i++)
        {
            var sw = Stopwatch.StartNew();
            ExternalTools.Run(file, arguments);
            if (i > 0)
            {
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        return times[times.Count / 2];
    }

    /// <summary>Markdown section: rsgconv decode vs djpeg, whole processes, on a 3x3 Kodak mosaic.</summary>
    public static string ProcessTiming(IReadOnlyList<string> kodak, string rsgconvDll, int runs)
    {
        string? cjpeg = ExternalTools.FindOnPath("cjpeg"), djpeg = ExternalTools.FindOnPath("djpeg"), dotnet = ExternalTools.FindOnPath("dotnet");
        if (cjpeg is null || djpeg is null || dotnet is null || !File.Exists(rsgconvDll))
        {
            return $"_Skipped: needs cjpeg/djpeg (libjpeg-turbo-progs), dotnet and a Release build of rsgconv at `{rsgconvDll}`._\n";
        }

        DirectoryInfo temp = Directory.CreateTempSubdirectory("rsg-speed-");
        try
        {
            var landscape = kodak.Where(f => { var i = Image.Identify(f); return i.Width == 768 && i.Height == 512; }).Take(9).ToList();
            RgbImage mosaic = Mosaic(landscape, 768, 512, 2304, 1536);
            string png = Path.Combine(temp.FullName, "mosaic.png"), ppm = Path.Combine(temp.FullName, "mosaic.ppm");
            string rsg = Path.Combine(temp.FullName, "mosaic.rsg"), jpg = Path.Combine(temp.FullName, "mosaic.jpg");
            ExternalTools.WritePng(png, mosaic.Pixels, mosaic.Width, mosaic.Height);
            ExternalTools.WritePpm(ppm, mosaic.Pixels, mosaic.Width, mosaic.Height);
            ExternalTools.Run(dotnet, rsgconvDll, "encode", png, rsg, "--segment", "none", "--quality", "75", "--force");
            long rsgBytes = new FileInfo(rsg).Length;

            // The cjpeg quality whose file is closest in size to the .rsg file.
            int bestQ = 75;
            long bestDiff = long.MaxValue;
            for (int q = 30; q <= 98; q += 4)
            {
                ExternalTools.Run(cjpeg, "-optimize", "-quality", q.ToString(Inv), "-outfile", jpg, ppm);
                long diff = Math.Abs(new FileInfo(jpg).Length - rsgBytes);
                if (diff < bestDiff)
                {
                    (bestDiff, bestQ) = (diff, q);
                }
            }

            ExternalTools.Run(cjpeg, "-optimize", "-quality", bestQ.ToString(Inv), "-outfile", jpg, ppm);
            long jpgBytes = new FileInfo(jpg).Length;
            string outRsg = Path.Combine(temp.FullName, "out-rsg.ppm"), outJpg = Path.Combine(temp.FullName, "out-jpg.ppm");
            double tRsg = MedianMs(dotnet, [rsgconvDll, "decode", rsg, outRsg, "--force"], runs);
            double tInfo = MedianMs(dotnet, [rsgconvDll, "info", rsg], runs);
            double tDjpeg = MedianMs(djpeg, ["-ppm", "-outfile", outJpg, jpg], runs);
            double mp = mosaic.Width * (double)mosaic.Height / 1e6;
            var sb = new StringBuilder();
            sb.AppendLine(Inv, $"Image: 3x3 mosaic of Kodak photographs, {mosaic.Width}x{mosaic.Height} ({mp:F2} MP). Median of {runs} runs after one warm-up, each a whole process writing a PPM.");
            sb.AppendLine();
            sb.AppendLine("| Command | File | Median wall time | MP/s |");
            sb.AppendLine("|---|--:|--:|--:|");
            sb.AppendLine(Inv, $"| `rsgconv decode mosaic.rsg out.ppm` (q75, 4:2:0) | {rsgBytes:N0} B | {tRsg:F0} ms | {mp / (tRsg / 1000):F1} |");
            sb.AppendLine(Inv, $"| `rsgconv info mosaic.rsg` (startup + header only) | | {tInfo:F0} ms | |");
            sb.AppendLine(Inv, $"| `djpeg -ppm` (`cjpeg -optimize -quality {bestQ}`) | {jpgBytes:N0} B | {tDjpeg:F0} ms | {mp / (tDjpeg / 1000):F1} |");
            sb.AppendLine();
            sb.AppendLine(Inv, $"`rsgconv` runs as `dotnet rsgconv.dll` (JIT, no ReadyToRun); `rsgconv info` (no pixel decoding) shows that the .NET start-up and JIT cost dominates the whole-process time on a photograph of this size ({tInfo:F0} ms against {tRsg:F0} ms for the full decode, medians of noisy runs on a shared machine).");
            return sb.ToString();
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    /// <summary>Markdown section: peak memory of a streaming (and, for comparison, a whole-image) decode of an 8000x8000 image.</summary>
    public static string PeakMemory(IReadOnlyList<string> kodak, string imagePath, int size)
    {
        // Encoded afresh every run: a file kept from an earlier encoder would measure the old bitstream.
        Console.Error.WriteLine($"  encoding the {size}x{size} test image to {imagePath}...");
        var landscape = kodak.Where(f => { var i = Image.Identify(f); return i.Width == 768 && i.Height == 512; }).ToList();
        RgbImage big = Mosaic(landscape, 768, 512, size, size);
        using (FileStream output = File.Create(imagePath + ".tmp"))
        {
            RsgEncoder.Encode(big.Pixels, big.Width, big.Height, big.Stride, RsgPixelFormat.Rgb24, output, new RsgEncoderOptions { Quality = 75 });
        }

        File.Move(imagePath + ".tmp", imagePath, overwrite: true);

        string self = typeof(SpeedMemory).Assembly.Location;
        string dotnet = ExternalTools.FindOnPath("dotnet") ?? "dotnet";
        string ppm = Path.Combine(Path.GetTempPath(), $"rsg-mem-{Environment.ProcessId}.ppm");
        try
        {
            string stream = RunCapture(dotnet, self, "stream-decode", imagePath, ppm);
            string whole = RunCapture(dotnet, self, "stream-decode", imagePath, ppm, "--whole");
            double decodedMb = size * (double)size * 3 / 1e6;
            var sb = new StringBuilder();
            sb.AppendLine(Inv, $"Image: {size}x{size} tiling of Kodak photographs, .rsg q75 4:2:0, {new FileInfo(imagePath).Length:N0} bytes; decoded RGB = {decodedMb:F0} MB. Each decode runs in a fresh child process that writes a PPM file and reports `VmHWM` (peak resident set) from `/proc/self/status`.");
            sb.AppendLine();
            sb.AppendLine("| Decode | Peak RSS (VmHWM) | Peak GC heap / total allocated | Time |");
            sb.AppendLine("|---|--:|--:|--:|");
            sb.AppendLine(Inv, $"| `RsgDecoder.Decode(Stream, IRsgRowSink)` to a PPM file stream | {stream} |");
            sb.AppendLine(Inv, $"| `RsgDecoder.Decode(Stream)` to one RGB array, then written | {whole} |");
            return sb.ToString();
        }
        finally
        {
            File.Delete(ppm);
        }
    }

    private static string RunCapture(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using Process p = Process.Start(info)!;
        Task<string> err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"stream-decode failed: {err.Result}");
        }

        return output.Split('\n').Last();
    }

    /// <summary>Child-process entry: decode IN.rsg to OUT.ppm (streaming, or whole with --whole) and print one table row's cells.</summary>
    public static int StreamDecode(string[] args)
    {
        bool whole = args.Contains("--whole");
        string[] files = args.Where(a => a != "--whole").ToArray();
        var sw = Stopwatch.StartNew();
        using (FileStream input = File.OpenRead(files[0]))
        using (var output = new FileStream(files[1], FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            if (whole)
            {
                RsgImage image = RsgDecoder.Decode(input);
                output.Write(System.Text.Encoding.ASCII.GetBytes($"P6\n{image.Width} {image.Height}\n255\n"));
                output.Write(image.Pixels);
            }
            else
            {
                RsgDecoder.Decode(input, new PpmSink(output));
            }
        }

        double seconds = sw.Elapsed.TotalSeconds;
        string hwm = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "?";
        long hwmKb = long.TryParse(hwm.Split(' ')[0], Inv, out long kb) ? kb : 0;
        GCMemoryInfo gc = GC.GetGCMemoryInfo(GCKind.Any);
        Console.WriteLine(string.Create(Inv, $"{hwmKb / 1024.0:F0} MB | {GC.GetTotalAllocatedBytes() / 1e6:F0} MB allocated (committed GC heap {gc.TotalCommittedBytes / 1e6:F0} MB at exit) | {seconds:F2} s"));
        return 0;
    }

    private sealed class PpmSink(Stream output) : IRsgRowSink
    {
        private int width;

        public void OnInfo(RsgImageInfo info)
        {
            width = info.Width;
            output.Write(System.Text.Encoding.ASCII.GetBytes($"P6\n{info.Width} {info.Height}\n255\n"));
        }

        public void OnRows(int firstRow, int rowCount, ReadOnlySpan<byte> pixels, int stride)
        {
            for (int r = 0; r < rowCount; r++)
            {
                output.Write(pixels.Slice(r * stride, width * 3));
            }
        }

        public void OnMaskRows(int firstMaskRow, int rowCount, ReadOnlySpan<byte> labels)
        {
        }
    }
}
