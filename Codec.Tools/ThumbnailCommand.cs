using System.ComponentModel;
using RegionCodec.Shell;
using Spectre.Console.Cli;

namespace RegionCodec.Tools;

internal sealed class ThumbnailSettings : DecoderSettings
{
    [CommandArgument(0, "<IN>")]
    [Description("An .rsg file, or - for standard input.")]
    public string Input { get => _input; set => _input = Stdio.FromToken(value); }

    private string _input = "";

    [CommandArgument(1, "<OUT>")]
    [Description("The thumbnail PNG, or - for standard output.")]
    public string Output { get => _output; set => _output = Stdio.FromToken(value); }

    private string _output = "";

    [CommandOption("--size <N>")]
    [Description("Longest side in pixels, 1..4096 (default 256); smaller images keep their size.")]
    public int? Size { get; set; }

    /// <summary>
    /// The size as earlier versions spelled it in installed .thumbnailer files (<c>-s %s</c>). Hidden: across
    /// rsgconv, <c>-s</c> means --segment; this only keeps old desktop entries working until they are reinstalled.
    /// </summary>
    [CommandOption("-s <N>", IsHidden = true)]
    public int? LegacySize { get; set; }

    [CommandOption("-f|--force")]
    [Description("Overwrite an existing OUT (the installed thumbnailer passes it: file managers create OUT first).")]
    public bool Force { get; set; }

    public int ResolvedSize
    {
        get
        {
            int size = Size ?? LegacySize ?? 256;
            return size is >= 1 and <= RsgThumbnailer.MaxSize ? size : throw new UsageException($"--size must be 1..{RsgThumbnailer.MaxSize}, not {size}");
        }
    }
}

/// <summary>rsgconv thumbnail IN.rsg OUT.png: a reduced-size decode for file managers (the freedesktop thumbnailer's Exec line).</summary>
internal sealed class ThumbnailCommand : Command<ThumbnailSettings>
{
    public override int Execute(CommandContext context, ThumbnailSettings settings, CancellationToken cancellationToken)
    {
        int size = settings.ResolvedSize;
        RsgDecoderOptions limits = settings.DecoderOptions();
        AtomicFile.CheckDistinct(settings.Input, settings.Output);
        AtomicFile.CheckWritable(settings.Output, settings.Force);
        byte[] data = Errors.About(settings.Input, () => ImageIo.ReadAll(settings.Input, cancellationToken));
        RsgThumbnail thumbnail = Errors.About(settings.Input, () =>
        {
            NotAnRsgFile.ThrowIfOtherFormat(data);
            return RsgThumbnailer.Render(data, size, ThumbnailPixelOrder.Rgba32, limits, cancellationToken);
        });
        Errors.About(settings.Output, () => AtomicFile.Write(settings.Output, settings.Force,
            stream => PngWriter.WriteRgba(stream, thumbnail.Width, thumbnail.Height, thumbnail.Pixels, opaque: !thumbnail.HasAlpha)));
        TextWriter report = settings.Output == "-" ? Console.Error : Console.Out;
        report.WriteLine($"{Errors.Display(settings.Input)} -> {Errors.Display(settings.Output)} ({thumbnail.Width}x{thumbnail.Height})");
        return ExitCodes.Ok;
    }
}
