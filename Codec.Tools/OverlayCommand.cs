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
        var segmenting = Segmenting.Parse(settings.Segment, settings.Mask, settings.Cell);
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
        (byte[] rgb, int width, int height) = Errors.About(settings.Input, () => ImageIo.LoadRgb(data));
        RsgSegmentation segmentation = Errors.About(settings.Input, () => segmenting.Run(rgb, width, height, settings.Cell, QualitySpec.DefaultQuality, cancellationToken)!);
        byte[] overlay = RsgOverlay.Render(rgb, width, height, width * 3, RsgPixelFormat.Rgb24, segmentation.Labels, settings.Opacity);
        using (Image<Rgb24> image = Image.LoadPixelData<Rgb24>(ImageIo.Configuration, overlay, width, height))
        {
            Errors.About(settings.Output, () => AtomicFile.Write(settings.Output, settings.Force, stream =>
            {
                if (format is "ppm" or "pgm" or "pnm")
                {
                    throw new UsageException("overlay writes png, jpg, bmp, gif, tga, tiff or webp");
                }

                ImageIo.Save(image, stream, format);
            }));
        }

        TextWriter report = settings.Output == "-" ? Console.Error : Console.Out;
        report.WriteLine($"{(settings.Input == "-" ? "<stdin>" : settings.Input)} ({width}x{height}) -> {(settings.Output == "-" ? "<stdout>" : settings.Output)}: {segmenting.Description}, {segmentation.Regions.Count} region(s)");
        var cells = new long[segmentation.Regions.Count];
        foreach (byte l in segmentation.Labels.Labels)
        {
            cells[l]++;
        }

        string[] colours = ["dark blue", "red", "green", "yellow", "magenta", "cyan", "orange", "violet", "lime", "pink", "steel", "brown"];
        // Segmentations that only rank importance get their qualities from the rate allocator at encode time.
        bool allocated = RsgRateAllocator.AllocatesFor(segmentation);
        for (int l = 0; l < cells.Length; l++)
        {
            string quality = allocated ? $"priority {l}, quality rate-allocated at encode" : $"quality at the default 75: {segmentation.Regions[l].Quality}";
            report.WriteLine($"  {l} {segmentation.RegionNames[l],-12} {100.0 * cells[l] / segmentation.Labels.Labels.Length,5:F1}% of cells  ({colours[l % colours.Length]}; {quality})");
        }

        return ExitCodes.Ok;
    }
}
