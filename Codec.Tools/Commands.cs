using RegionCodec;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.Tools;

/// <summary>The commands; each reads its inputs, converts, and writes its output atomically.</summary>
internal static class Commands
{
    public static int Encode(Arguments args)
    {
        string input = args.Positional(0, "input image"), output = args.Positional(1, "output .rsg");
        var options = new RsgEncoderOptions
        {
            Quality = args.IntOption("--quality", 75, 1, 100),
            Subsampling = args.Option("--subsampling") switch
            {
                null or "420" => RsgChromaSubsampling.Yuv420,
                "444" => RsgChromaSubsampling.Yuv444,
                string s => throw new UsageException($"--subsampling must be 420 or 444, not '{s}'"),
            },
            Grayscale = args.Flag("--gray"),
        };

        using Image<Rgb24> image = Image.Load<Rgb24>(input);
        byte[] pixels = new byte[image.Width * image.Height * 3];
        image.CopyPixelDataTo(pixels);
        AtomicFile.Write(output, args.Flag("--force"), stream =>
            RsgEncoder.Encode(pixels, image.Width, image.Height, image.Width * 3, RsgPixelFormat.Rgb24, stream, options));
        long inBytes = new FileInfo(input).Length, outBytes = new FileInfo(output).Length;
        Console.WriteLine($"{input} ({image.Width}x{image.Height}, {inBytes} bytes) -> {output} ({outBytes} bytes, {8.0 * outBytes / ((long)image.Width * image.Height):F3} bpp)");
        return ExitCodes.Ok;
    }

    public static int Decode(Arguments args)
    {
        string input = args.Positional(0, "input .rsg"), output = args.Positional(1, "output image");
        RsgImage decoded;
        using (FileStream stream = File.OpenRead(input))
        {
            decoded = RsgDecoder.Decode(stream);
        }

        using Image image = ToImage(decoded);
        AtomicFile.Write(output, args.Flag("--force"), stream => image.Save(stream, Configuration.Default.ImageFormatsManager.FindFormatByFileExtension(Path.GetExtension(output).TrimStart('.'))
            ?? throw new UsageException($"no image format for '{output}'")));
        if (args.Option("--mask-out") is string maskPath)
        {
            RsgLabelMap labels = decoded.Labels;
            using Image<L8> mask = Image.LoadPixelData<L8>(labels.Labels, labels.Width, labels.Height);
            AtomicFile.Write(maskPath, args.Flag("--force"), stream => mask.SaveAsPng(stream));
        }

        Console.WriteLine($"{input} -> {output} ({decoded.Width}x{decoded.Height})");
        return ExitCodes.Ok;
    }

    public static int Info(Arguments args)
    {
        string input = args.Positional(0, "input .rsg");
        using FileStream stream = File.OpenRead(input);
        RsgImageInfo info = RsgDecoder.Identify(stream);
        Console.WriteLine($"{input}: {info.Width}x{info.Height} {info.ColorModel}"
            + (info.ColorModel == RsgColorModel.YCbCr ? $" {(info.Subsampling == RsgChromaSubsampling.Yuv420 ? "4:2:0" : "4:4:4")}" : string.Empty)
            + $", mask cell {info.MaskCellSize}px, {info.StripCount} strip(s) of {info.StripHeight} rows");
        for (int i = 0; i < info.Regions.Count; i++)
        {
            Console.WriteLine($"  region {i}: quality {info.Regions[i].Quality}, {info.Regions[i].Mode}");
        }

        return ExitCodes.Ok;
    }

    private static Image ToImage(RsgImage decoded) => decoded.PixelFormat == RsgPixelFormat.Gray8
        ? Image.LoadPixelData<L8>(decoded.Pixels, decoded.Width, decoded.Height)
        : Image.LoadPixelData<Rgb24>(decoded.Pixels, decoded.Width, decoded.Height);
}
