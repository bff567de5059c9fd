using System.ComponentModel;
using RegionCodec.Segmentation;
using Spectre.Console.Cli;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.Tools;

internal sealed class OverlaySettings : CommonSettings
{
    [CommandArgument(0, "<IN>")]
    [Description("Input image, or - for standard input.")]
    public string Input { get => _input; set => _input = Stdio.FromToken(value); }

    private string _input = "";

    [CommandArgument(1, "<OUT>")]
    [Description("Output image (png recommended), or - for PNG on standard output.")]
    public string Output { get => _output; set => _output = Stdio.FromToken(value); }

    private string _output = "";

    [CommandOption("-s|--segment <METHOD>")]
    [Description("Segmentation: " + Segmenting.MethodsMarkup + ".")]
    public string? Segment { get; set; }

    [CommandOption("--mask <FILE>")]
    [Description("Show a user mask instead (grayscale image, distinct values = labels).")]
    public string? Mask { get; set; }

    [CommandOption("--cell <1|2|4|8>")]
    [Description("Mask cell size in pixels (default 8).")]
    [DefaultValue(8)]
    public int Cell { get; set; } = 8;

    [CommandOption("--no-graphics")]
    [Description("perceptual (the default): do not look for text, UI and graphics (the lossless \"graphics\" region), as encode --no-graphics.")]
    public bool NoGraphics { get; set; }

    [CommandOption("--opacity <0..1>")]
    [Description("Tint opacity (default 0.45).")]
    [DefaultValue(0.45)]
    public double Opacity { get; set; } = 0.45;

    [CommandOption("-f|--force")]
    [Description("Overwrite an existing output.")]
    public bool Force { get; set; }
}

/// <summary>rsgconv overlay IN OUT.png: the segmentation tinted over the image, to check it before encoding.</summary>
internal sealed class OverlayCommand : Command<OverlaySettings>
{
    public override int Execute(CommandContext context, OverlaySettings settings, CancellationToken cancellationToken)
    {
        var segmenting = Segmenting.Parse(settings.Segment, settings.Mask, settings.Cell, detectGraphics: !settings.NoGraphics);
        if (segmenting.IsNone)
        {
            throw new UsageException("overlay needs a segmentation method (--segment none shows nothing)");
        }

        if (settings.Opacity is < 0 or > 1 || double.IsNaN(settings.Opacity))
        {
            throw new UsageException($"--opacity must be 0..1, not {settings.Opacity}");
        }

        string format = ImageIo.FormatName(settings.Output, null);
        AtomicFile.CheckDistinct(settings.Input, settings.Output);
        AtomicFile.CheckWritable(settings.Output, settings.Force);
        byte[] data = Errors.About(settings.Input, () => ImageIo.ReadAll(settings.Input, cancellationToken));
        if (settings.Segment is null && settings.Mask is null && data.AsSpan().StartsWith(RsgConstants.Signature))
        {
            return StoredRegions(settings, data, format, cancellationToken);
        }

        (byte[] rgb, int width, int height) = Errors.About(settings.Input, () => ImageIo.LoadRgb(data));
        RsgSegmentation segmentation = Errors.About(settings.Input, () => segmenting.Run(rgb, width, height, settings.Cell, QualitySpec.DefaultQuality, cancellationToken)!);
        byte[] overlay = RsgOverlay.Render(rgb, width, height, width * 3, RsgPixelFormat.Rgb24, segmentation.Labels, settings.Opacity);
        WriteOverlay(settings, overlay, width, height, format);

        TextWriter report = settings.Output == "-" ? Console.Error : Console.Out;
        report.WriteLine($"{(settings.Input == "-" ? "<stdin>" : settings.Input)} ({width}x{height}) -> {(settings.Output == "-" ? "<stdout>" : settings.Output)}: {segmenting.Description}, {segmentation.Regions.Count} region(s)");
        var cells = new long[segmentation.Regions.Count];
        foreach (byte l in segmentation.Labels.Labels)
        {
            cells[l]++;
        }

        // Segmentations that only rank importance get their qualities from the rate allocator at encode time.
        bool allocated = RsgRateAllocator.AllocatesFor(segmentation);
        for (int l = 0; l < cells.Length; l++)
        {
            string quality = segmentation.Regions[l].Mode == RsgRegionMode.Lossless ? "lossless"
                : allocated ? $"priority {l}, quality rate-allocated at encode" : $"quality at the default 75: {segmentation.Regions[l].Quality}";
            report.WriteLine($"  {l} {segmentation.RegionNames[l],-12} {100.0 * cells[l] / segmentation.Labels.Labels.Length,5:F1}% of cells  ({Colours[l % Colours.Length]}; {quality})");
        }

        return ExitCodes.Ok;
    }

    /// <summary>Writes the tinted RGB picture atomically in the output's format (not PNM: overlays are for looking at).</summary>
    private static void WriteOverlay(OverlaySettings settings, byte[] overlay, int width, int height, string format)
    {
        using Image<Rgb24> image = Image.LoadPixelData<Rgb24>(ImageIo.Configuration, overlay, width, height);
        Errors.About(settings.Output, () => AtomicFile.Write(settings.Output, settings.Force, stream =>
        {
            if (format is "ppm" or "pgm" or "pnm")
            {
                throw new UsageException("overlay writes png, jpg, bmp, gif, tga, tiff or webp");
            }

            ImageIo.Save(image, stream, format);
        }));
    }

    /// <summary>The names of <see cref="RsgOverlay.Palette"/>'s colours, in order, for the legend.</summary>
    private static readonly string[] Colours = ["dark blue", "red", "green", "yellow", "magenta", "cyan", "orange", "violet", "lime", "pink", "steel", "brown"];

    /// <summary>
    /// An .rsg input without --segment or --mask: the file's own label map tinted over its decoded pixels, and a
    /// legend of the regions as the file stores them (name, quality, mode), instead of segmenting the decoded image anew.
    /// </summary>
    private static int StoredRegions(OverlaySettings settings, byte[] data, string format, CancellationToken cancellationToken)
    {
        RsgImage decoded = Errors.About(settings.Input, () => RsgDecoder.Decode(data, DecoderSettings.Options(null), cancellationToken));
        RsgImageInfo info = decoded.Info;
        byte[] overlay = RsgOverlay.Render(decoded.Pixels, decoded.Width, decoded.Height, decoded.Stride, decoded.PixelFormat, decoded.Labels, settings.Opacity);
        WriteOverlay(settings, overlay, decoded.Width, decoded.Height, format);

        TextWriter report = settings.Output == "-" ? Console.Error : Console.Out;
        report.WriteLine($"{(settings.Input == "-" ? "<stdin>" : settings.Input)} ({info.Width}x{info.Height}) -> {(settings.Output == "-" ? "<stdout>" : settings.Output)}: the file's own {info.Regions.Count} region(s)");
        var cells = new long[info.Regions.Count];
        foreach (byte l in decoded.Labels.Labels)
        {
            cells[l]++;
        }

        for (int l = 0; l < cells.Length; l++)
        {
            RsgRegion region = info.Regions[l];
            string mode = region.Mode == RsgRegionMode.Dct ? string.Empty : $", {region.Mode}";
            report.WriteLine($"  {l} {region.Name ?? "(unnamed)",-12} {100.0 * cells[l] / decoded.Labels.Labels.Length,5:F1}% of cells  ({Colours[l % Colours.Length]}; quality {region.Quality}{mode})");
        }

        return ExitCodes.Ok;
    }
}
