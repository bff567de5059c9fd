using System.ComponentModel;
using System.Diagnostics;
using Spectre.Console.Cli;

namespace RegionCodec.Tools;

internal sealed class EncodeSettings : EncodeOptionSettings
{
    [CommandArgument(0, "<IN>")]
    [Description("Input image (png, jpg, bmp, gif, tga, tiff, webp, pbm/pgm/ppm, rsg) or - for standard input.")]
    public string Input { get => _input; set => _input = Stdio.FromToken(value); }

    private string _input = "";

    [CommandArgument(1, "<OUT>")]
    [Description("Output .rsg file, or - for standard output.")]
    public string Output { get => _output; set => _output = Stdio.FromToken(value); }

    private string _output = "";

    [CommandOption("-t|--threads <N>")]
    [Description("Threads: strips encoded in parallel, and parallel trial encodes for --target-size (default: all cores; 1 = serial). The output is the same for every N.")]
    public int? Threads { get; set; }
}

/// <summary>rsgconv encode IN OUT.rsg.</summary>
internal sealed class EncodeCommand : Command<EncodeSettings>
{
    public override int Execute(CommandContext context, EncodeSettings settings, CancellationToken cancellationToken)
    {
        EncodeSettingsResolved options = settings.Resolve(EncodeOptionSettings.ResolveThreads(settings.Threads, "--threads"));
        AtomicFile.CheckDistinct(settings.Input, settings.Output);
        AtomicFile.CheckWritable(settings.Output, settings.Force);
        OutputName.WarnIfMismatched(settings.Output, "rsg");
        var clock = Stopwatch.StartNew();
        using Stream inputStream = Errors.About(settings.Input, () => ImageIo.OpenInput(settings.Input, cancellationToken));
        long inputBytes = inputStream.Length;
        EncodeResult result = Errors.About(settings.Input, () =>
            (StreamedEncode.Applies(options, settings.Input) ? StreamedEncode.TryRun(inputStream, options, cancellationToken) : null)
            ?? EncodeLoaded(inputStream, options, settings, cancellationToken));
        (int width, int height) = (result.Width, result.Height);
        Errors.About(settings.Output, () => AtomicFile.Write(settings.Output, settings.Force, result.Bytes));

        if (options.Segmenting.NothingFound(result.RegionNames) is string nothing)
        {
            // Not an error (the file is fine), but the request was not met: say what happened and what was used instead.
            string used = result.Regions.Count == 1 ? $"the whole image is one region at quality {result.Regions[0].Quality}" : $"coded as {result.Describe()}";
            Console.Error.WriteLine($"rsgconv: warning: {Errors.Display(settings.Input)}: --segment {options.Segmenting.Description}: {nothing}; {used}");
        }

        TextWriter report = settings.Output == "-" ? Console.Error : Console.Out;
        string input = settings.Input == "-" ? "<stdin>" : settings.Input;
        string output = settings.Output == "-" ? "<stdout>" : settings.Output;
        report.WriteLine($"{input} ({width}x{height}, {inputBytes} bytes) -> {output} ({result.Bytes.Length} bytes, {8.0 * result.Bytes.Length / ((long)width * height):F3} bpp)");
        if (result.GrayDetected)
        {
            report.WriteLine("  gray input (R = G = B in every pixel): coded as gray; --color keeps colour");
        }

        string regions = options.Segmenting.IsNone ? result.Describe() : $"{options.Segmenting.Description}: {result.Describe()}";
        if (options.TargetBytes is long target)
        {
            report.WriteLine($"  target {target} bytes: {regions} -> {result.Bytes.Length} bytes ({100.0 * result.Bytes.Length / target:F1}% of target, {result.Trials} trial encodes, {clock.Elapsed.TotalSeconds:F1} s)");
            if (result.AtHighestQuality)
            {
                report.WriteLine($"  note: every region at quality 100 gives {result.Bytes.Length} bytes; this image cannot fill {target} bytes");
            }
        }
        else if (settings.Verbose || !options.Segmenting.IsNone || options.Lossless)
        {
            report.WriteLine($"  {regions}");
        }

        if (settings.Verbose && result.Streamed)
        {
            report.WriteLine("  read as rows from the file, a wave of strips at a time: the image was never wholly in memory");
        }

        return ExitCodes.Ok;
    }

    /// <summary>The general path: the whole image decoded into memory, then segmented and encoded.</summary>
    private static EncodeResult EncodeLoaded(Stream input, EncodeSettingsResolved options, EncodeSettings settings, CancellationToken cancellationToken)
    {
        using SourceImage source = ImageIo.LoadSource(input, withinDecoderLimits: !settings.AllowLarge);
        return EncodeJob.Run(source, options, cancellationToken, settings.Input);
    }
}
