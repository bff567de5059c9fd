using System.Globalization;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.Benchmarks;

/// <summary>
/// <c>lossless</c>: whole-image lossless bytes on screen content, .rsg <c>--lossless</c> (spec/rsg.md §9.5) against
/// the PNG as distributed, ImageSharp's PNG at best compression, <c>cwebp -lossless -z 6</c> and <c>cjxl -d 0 -e 7</c>.
/// Every .rsg file is decoded and compared with its source, so the table only ever shows exact round trips.
/// </summary>
internal static class LosslessCommand
{
    /// <summary>The development set of issue 13: the four GB82-SC screenshots and scikit-image's text and page.</summary>
    private static readonly string[] DefaultImages =
    [
        "screen/gb82sc_gmessages.png", "screen/gb82sc_graph.png", "screen/gb82sc_gui.png", "screen/gb82sc_windows95.png",
        "skimage/text.png", "skimage/page.png",
    ];

    public static int Run(string[] args)
    {
        string images = Option(args, "--images") ?? "../shared/images";
        string output = Option(args, "--out") ?? Path.Combine(Path.GetTempPath(), "rsg-lossless");
        string? doc = Option(args, "--table");
        Directory.CreateDirectory(output);
        string? cwebp = ExternalTools.FindOnPath("cwebp");
        string? cjxl = ExternalTools.FindOnPath("cjxl");

        var table = new StringBuilder();
        table.AppendLine("| image | pixels | PNG (as distributed) | ImageSharp PNG, best | `cwebp -lossless -z 6` | `cjxl -d 0 -e 7` | `.rsg --lossless` | .rsg / WebP | bits/pixel |");
        table.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        long[] totals = new long[5];
        foreach (string relative in DefaultImages)
        {
            string source = Path.Combine(images, relative);
            string name = Path.GetFileNameWithoutExtension(relative);
            long png = new FileInfo(source).Length;
            (byte[] pixels, int width, int height, RsgPixelFormat format) = Load(source);
            long sharpPng = ImageSharpPng(source, Path.Combine(output, name + ".png"));
            long webp = cwebp is null ? -1 : Peer(cwebp, Path.Combine(output, name + ".webp"), ["-quiet", "-lossless", "-z", "6", source, "-o"]);
            long jxl = cjxl is null ? -1 : Peer(cjxl, Path.Combine(output, name + ".jxl"), [source, "-d", "0", "-e", "7", "--quiet"]);
            byte[] rsg = RsgEncoder.Encode(pixels, width, height, width * format.BytesPerPixel(), format, RsgEncoderOptions.Lossless());
            if (!RsgDecoder.Decode(rsg).Pixels.AsSpan().SequenceEqual(pixels))
            {
                throw new InvalidOperationException($"{name}: the lossless .rsg does not decode to its source");
            }

            File.WriteAllBytes(Path.Combine(output, name + ".rsg"), rsg);
            long[] row = [png, sharpPng, webp, jxl, rsg.Length];
            for (int i = 0; i < row.Length; i++)
            {
                totals[i] += Math.Max(0, row[i]);
            }

            string kind = format switch { RsgPixelFormat.Gray8 => "gray", RsgPixelFormat.Rgba32 => "RGBA", _ => "RGB" };
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {width}×{height} {kind} | {png} | {sharpPng} | {Show(webp)} | {Show(jxl)} | {rsg.Length} | {Ratio(rsg.Length, webp)} | {8.0 * rsg.Length / ((long)width * height):0.000} |"));
        }

        table.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"| **total** | | {totals[0]} | {totals[1]} | {totals[2]} | {totals[3]} | {totals[4]} | {Ratio(totals[4], totals[2])} | |"));
        Console.Write(table);
        if (doc is not null)
        {
            File.WriteAllText(doc, table.ToString());
        }

        return 0;
    }

    /// <summary>The image as the codec takes it: gray when R = G = B everywhere, RGB when opaque, else RGBA.</summary>
    private static (byte[] Pixels, int Width, int Height, RsgPixelFormat Format) Load(string path)
    {
        using Image<Rgba32> image = Image.Load<Rgba32>(path);
        int width = image.Width, height = image.Height;
        byte[] rgba = new byte[width * height * 4];
        image.CopyPixelDataTo(rgba);
        bool opaque = true;
        for (int i = 3; i < rgba.Length && opaque; i += 4)
        {
            opaque = rgba[i] == 255;
        }

        if (RsgGrayInput.IsGray(rgba, width, height, width * 4, RsgPixelFormat.Rgba32) && opaque)
        {
            byte[] grayAlpha = new byte[width * height * 2];
            RsgGrayInput.CopyGray(rgba, width, height, width * 4, RsgPixelFormat.Rgba32, grayAlpha);
            byte[] gray = new byte[width * height];
            for (int i = 0; i < gray.Length; i++)
            {
                gray[i] = grayAlpha[2 * i];
            }

            return (gray, width, height, RsgPixelFormat.Gray8);
        }

        if (!opaque)
        {
            return (rgba, width, height, RsgPixelFormat.Rgba32);
        }

        byte[] rgb = new byte[width * height * 3];
        for (int i = 0; i < width * height; i++)
        {
            rgba.AsSpan(4 * i, 3).CopyTo(rgb.AsSpan(3 * i));
        }

        return (rgb, width, height, RsgPixelFormat.Rgb24);
    }

    private static long ImageSharpPng(string source, string destination)
    {
        using Image image = Image.Load(source);
        image.SaveAsPng(destination, new PngEncoder { CompressionLevel = PngCompressionLevel.BestCompression });
        return new FileInfo(destination).Length;
    }

    /// <summary>Runs a peer encoder whose last argument is the output file; returns that file's size.</summary>
    private static long Peer(string tool, string destination, string[] arguments)
    {
        ExternalTools.Run(tool, [.. arguments, destination]);
        return new FileInfo(destination).Length;
    }

    private static string Show(long bytes) => bytes < 0 ? "n/a" : bytes.ToString(CultureInfo.InvariantCulture);

    private static string Ratio(long rsg, long peer) => peer <= 0 ? "n/a" : ((double)rsg / peer).ToString("0.00", CultureInfo.InvariantCulture);

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
