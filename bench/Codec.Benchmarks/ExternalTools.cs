using System.Diagnostics;
using System.Globalization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.Benchmarks;

/// <summary>Running the command-line peers (cjpeg, cwebp, avifenc, cjxl and their decoders) and moving pixels to and from them.</summary>
internal static class ExternalTools
{
    public static string? FindOnPath(string tool)
    {
        string[] directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return directories.Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists);
    }

    /// <summary>Runs a tool to completion; throws with its stderr when it exits non-zero.</summary>
    public static void Run(string tool, params string[] arguments)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {tool}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        _ = stdout.Result;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(tool)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Trim()}");
        }
    }

    /// <summary>First line of a tool's version output (stdout or stderr), or "version unknown".</summary>
    public static string Version(string tool, string argument)
    {
        try
        {
            var info = new ProcessStartInfo(tool, argument) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            using Process process = Process.Start(info)!;
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            string text = stdout.Result + "\n" + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "version unknown";
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return "version unknown";
        }
    }

    public static void WritePpm(string path, byte[] rgb, int width, int height)
    {
        using FileStream stream = File.Create(path);
        stream.Write(System.Text.Encoding.ASCII.GetBytes($"P6\n{width} {height}\n255\n"));
        stream.Write(rgb);
    }

    public static void WritePng(string path, byte[] rgb, int width, int height)
    {
        using Image<Rgb24> image = Image.LoadPixelData<Rgb24>(rgb, width, height);
        image.SaveAsPng(path, new PngEncoder { CompressionLevel = PngCompressionLevel.BestSpeed });
    }

    /// <summary>Reads any image ImageSharp or the PPM reader understands (PNG from avifdec/djxl, PPM/PGM from djpeg/dwebp) as RGB24.</summary>
    public static byte[] ReadRgb(string path, int width, int height)
    {
        byte[] data = File.ReadAllBytes(path);
        if (data.Length > 2 && data[0] == 'P' && (data[1] == '6' || data[1] == '5'))
        {
            return ReadPnm(data, path, width, height);
        }

        using Image<Rgb24> image = Image.Load<Rgb24>(data);
        if (image.Width != width || image.Height != height)
        {
            throw new InvalidDataException($"{path}: decoded {image.Width}x{image.Height}, expected {width}x{height}.");
        }

        var rgb = new byte[width * height * 3];
        image.CopyPixelDataTo(rgb);
        return rgb;
    }

    private static byte[] ReadPnm(byte[] data, string path, int expectedWidth, int expectedHeight)
    {
        int pos = 0;
        string magic = NextToken(data, ref pos);
        int width = int.Parse(NextToken(data, ref pos), CultureInfo.InvariantCulture);
        int height = int.Parse(NextToken(data, ref pos), CultureInfo.InvariantCulture);
        int maxValue = int.Parse(NextToken(data, ref pos), CultureInfo.InvariantCulture);
        pos++;
        int channels = magic == "P6" ? 3 : 1;
        if (maxValue != 255 || width != expectedWidth || height != expectedHeight || data.Length - pos < width * height * channels)
        {
            throw new InvalidDataException($"{path}: unexpected {magic} {width}x{height} maxval {maxValue}.");
        }

        ReadOnlySpan<byte> samples = data.AsSpan(pos, width * height * channels);
        if (channels == 3)
        {
            return samples.ToArray();
        }

        var rgb = new byte[width * height * 3];
        for (int i = 0; i < samples.Length; i++)
        {
            rgb[3 * i] = rgb[(3 * i) + 1] = rgb[(3 * i) + 2] = samples[i];
        }

        return rgb;
    }

    private static string NextToken(byte[] data, ref int pos)
    {
        while (pos < data.Length && (char.IsWhiteSpace((char)data[pos]) || data[pos] == '#'))
        {
            if (data[pos] == '#')
            {
                while (pos < data.Length && data[pos] != '\n')
                {
                    pos++;
                }
            }
            else
            {
                pos++;
            }
        }

        int start = pos;
        while (pos < data.Length && !char.IsWhiteSpace((char)data[pos]))
        {
            pos++;
        }

        return System.Text.Encoding.ASCII.GetString(data, start, pos - start);
    }
}
