using System.ComponentModel;
using System.Text;
using RegionCodec.Segmentation;
using Spectre.Console.Cli;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.Tools;

internal sealed class DecodeSettings : DecoderSettings
{
    [CommandArgument(0, "<IN>")]
    [Description("Input .rsg file, or - for standard input.")]
    public string Input { get => _input; set => _input = Stdio.FromToken(value); }

    private string _input = "";

    [CommandArgument(1, "<OUT>")]
    [Description("Output image; the format comes from the extension (png, jpg, bmp, gif, tga, tiff, webp, ppm, pgm, pnm), or - for standard output.")]
    public string Output { get => _output; set => _output = Stdio.FromToken(value); }

    private string _output = "";

    [CommandOption("--format <FORMAT>")]
    [Description("Output format when the name does not tell (default png for -). ppm/pgm/pnm are written row by row as strips are decoded.")]
    public string? Format { get; set; }

    [CommandOption("--mask-out <MASK.png>")]
    [Description("Also write the region label map as a PNG, one pixel per mask cell, and print a legend. By default an indexed PNG with a colour per label "
        + "(each label brighter than the one before, so 'encode --mask' reads the same labels back); see --mask-format.")]
    public string? MaskOut { get; set; }

    [CommandOption("--mask-format <FORMAT>")]
    [Description("How --mask-out writes labels: 'colour' (default; a distinct colour per label) or 'labels' (8-bit gray whose value is the label number 0, 1, 2, ..., for scripts).")]
    public string? MaskFormat { get; set; }

    [CommandOption("-t|--threads <N>")]
    [Description("Threads decoding strips in parallel (default: all cores; streaming ppm/pgm output decodes in order on one).")]
    public int? Threads { get; set; }

    [CommandOption("-f|--force")]
    [Description("Overwrite existing outputs.")]
    public bool Force { get; set; }

    [CommandOption("--strip-metadata")]
    [Description("Leave the file's ICC profile, EXIF and XMP out of the output (by default PNG and JPEG outputs carry them).")]
    public bool StripMetadata { get; set; }
}

/// <summary>rsgconv decode IN.rsg OUT.</summary>
internal sealed class DecodeCommand : Command<DecodeSettings>
{
    public override int Execute(CommandContext context, DecodeSettings settings, CancellationToken cancellationToken)
    {
        int threads = EncodeOptionSettings.ResolveThreads(settings.Threads, "--threads");
        string format = ImageIo.FormatName(settings.Output, settings.Format);
        AtomicFile.CheckDistinct(settings.Input, settings.Output);
        AtomicFile.CheckWritable(settings.Output, settings.Force);
        OutputName.WarnIfMismatched(settings.Output, format);
        bool rawLabels = settings.MaskFormat switch
        {
            null or "colour" or "color" => false,
            "labels" => true,
            string f => throw new UsageException($"--mask-format must be colour or labels, not '{f}'"),
        };
        if (settings.MaskFormat is not null && settings.MaskOut is null)
        {
            throw new UsageException("--mask-format needs --mask-out");
        }

        if (settings.MaskOut is string maskPath)
        {
            if (maskPath == "-" || maskPath == settings.Output)
            {
                throw new UsageException("--mask-out needs a file name of its own");
            }

            AtomicFile.CheckDistinct(settings.Input, maskPath);
            AtomicFile.CheckWritable(maskPath, settings.Force);
            OutputName.WarnIfMismatched(maskPath, "png");
        }

        RsgDecoderOptions decoderOptions = settings.DecoderOptions(threads);
        RsgImageInfo info;
        MaskCollector mask;

        // The image and the mask appear together or not at all (a mask that cannot be written takes the image with it).
        using var outputs = new AtomicFileSet(settings.Force);
        if (format is "ppm" or "pgm" or "pnm")
        {
            // Streaming: rows go out as each strip is decoded (from standard input too).
            mask = new MaskCollector();
            RsgImageInfo? streamed = null;
            Errors.About(settings.Output, () => outputs.Stage(settings.Output, output =>
            {
                using Stream input = Errors.About(settings.Input, () => ImageIo.OpenRead(settings.Input));
                var sink = new PnmSink(output, format, mask, settings.Output);
                streamed = Errors.About(settings.Input, () => RsgDecoder.Decode(input, sink, decoderOptions, cancellationToken));
            }));
            info = streamed!;
        }
        else
        {
            byte[] data = Errors.About(settings.Input, () => ImageIo.ReadAll(settings.Input, cancellationToken));
            RsgImage decoded = Errors.About(settings.Input, () =>
            {
                NotAnRsgFile.ThrowIfOtherFormat(data);
                return RsgDecoder.Decode(data, decoderOptions, cancellationToken);
            });
            info = decoded.Info;
            mask = MaskCollector.From(decoded.Labels);
            ImageIo.WarnIfAlphaDropped(info, settings.Output, format);
            using Image image = ImageIo.ToImage(decoded.Pixels, decoded.Width, decoded.Height, decoded.PixelFormat,
                settings.StripMetadata ? null : info.Metadata);
            Errors.About(settings.Output, () => outputs.Stage(settings.Output, stream => ImageIo.Save(image, stream, format)));
        }

        if (settings.MaskOut is string maskOut)
        {
            Errors.About(maskOut, () => outputs.Stage(maskOut, stream => MaskPicture.Save(stream, mask.Labels!, mask.Width, mask.Height, info.Regions.Count, rawLabels)));
        }

        outputs.CommitAll();

        TextWriter report = settings.Output == "-" ? Console.Error : Console.Out;
        report.WriteLine($"{(settings.Input == "-" ? "<stdin>" : settings.Input)} -> {(settings.Output == "-" ? "<stdout>" : settings.Output)} ({info.Width}x{info.Height})"
            + (settings.MaskOut is null ? string.Empty : $", mask {settings.MaskOut} ({mask.Width}x{mask.Height} cells of {info.MaskCellSize}px)"));
        if (settings.MaskOut is not null)
        {
            report.WriteLine(MaskPicture.Legend(info.Regions.Count, rawLabels, [.. info.Regions.Select(r => r.Name)]));
        }

        return ExitCodes.Ok;
    }
}

/// <summary>Collects the label map from a streaming decode.</summary>
internal sealed class MaskCollector
{
    public byte[]? Labels { get; private set; }

    public int Width { get; private set; }

    public int Height { get; private set; }

    public static MaskCollector From(RsgLabelMap map) => new() { Labels = map.Labels, Width = map.Width, Height = map.Height };

    public void OnInfo(RsgImageInfo info)
    {
        Width = (info.Width + info.MaskCellSize - 1) / info.MaskCellSize;
        Height = (info.Height + info.MaskCellSize - 1) / info.MaskCellSize;
        Labels = new byte[(long)Width * Height];
    }

    public void OnMaskRows(int firstMaskRow, int rowCount, ReadOnlySpan<byte> labels) =>
        labels[..(rowCount * Width)].CopyTo(Labels.AsSpan(firstMaskRow * Width));
}

/// <summary>Writes binary PPM (P6) or PGM (P5) rows to a stream as strips arrive, flushing after each strip.</summary>
/// <remarks>PNM has no alpha: an image's alpha byte is skipped (after a one-line warning).</remarks>
internal sealed class PnmSink(Stream output, string format, MaskCollector mask, string outputName) : IRsgRowSink
{
    private bool _gray;
    private bool _fromGray;
    private int _bpp;
    private byte[] _row = [];
    private int _width;

    public void OnInfo(RsgImageInfo info)
    {
        ImageIo.WarnIfAlphaDropped(info, outputName, format);
        _fromGray = info.ColorModel == RsgColorModel.Gray;
        _bpp = info.PixelFormat.BytesPerPixel();
        _gray = format == "pgm" || (format == "pnm" && _fromGray);
        _width = info.Width;
        _row = new byte[info.Width * 3];
        output.Write(System.Text.Encoding.ASCII.GetBytes($"{(_gray ? "P5" : "P6")}\n{info.Width} {info.Height}\n255\n"));
        mask.OnInfo(info);
    }

    public void OnRows(int firstRow, int rowCount, ReadOnlySpan<byte> pixels, int stride)
    {
        int outBytes = _gray ? 1 : 3;
        for (int r = 0; r < rowCount; r++)
        {
            ReadOnlySpan<byte> row = pixels.Slice(r * stride);
            if (_gray == _fromGray && _bpp == outBytes)
            {
                output.Write(row[..(_width * outBytes)]);
                continue;
            }

            for (int x = 0, i = 0; x < _width; x++, i += _bpp)
            {
                if (_gray == _fromGray)
                {
                    row.Slice(i, outBytes).CopyTo(_row.AsSpan(x * outBytes));    // the same samples without alpha
                }
                else if (_gray)
                {
                    _row[x] = RsgLuma.Of(row[i], row[i + 1], row[i + 2]);
                }
                else
                {
                    _row[(x * 3) + 0] = _row[(x * 3) + 1] = _row[(x * 3) + 2] = row[i];
                }
            }

            output.Write(_row.AsSpan(0, _width * outBytes));
        }

        output.Flush();
    }

    public void OnMaskRows(int firstMaskRow, int rowCount, ReadOnlySpan<byte> labels) => mask.OnMaskRows(firstMaskRow, rowCount, labels);
}
