using System.ComponentModel;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Spectre.Console.Cli;
using SixLabors.ImageSharp;

namespace RegionCodec.Tools;

internal sealed class BatchSettings : EncodeOptionSettings
{
    [CommandArgument(0, "<INDIR>")]
    [Description("Directory with the input images.")]
    public string InputDirectory { get; set; } = "";

    [CommandArgument(1, "<OUTDIR>")]
    [Description("Directory for the outputs (created; the input's relative paths are kept).")]
    public string OutputDirectory { get; set; } = "";

    [CommandOption("-i|--include <GLOB>")]
    [Description("Which files (repeatable): *.png, photos/**/*.jpg, ... Without '/' a glob matches file names. Default: every image format rsgconv reads (*.rsg when --to is an image format).")]
    public string[]? Include { get; set; }

    [CommandOption("-r|--recursive")]
    [Description("Descend into subdirectories (implied by a glob with '/' or '**').")]
    public bool Recursive { get; set; }

    [CommandOption("--to <FORMAT>")]
    [Description("rsg (default: encode images) or an image format (png, jpg, ...: decode .rsg files).")]
    public string? To { get; set; }

    [CommandOption("-j|--jobs|-t|--threads <N>")]
    [Description("Files converted in parallel (default: all cores).")]
    public int? Jobs { get; set; }

    [CommandOption("--max-pixels <N>")]
    [Description("Decoding .rsg files (--to): the largest image accepted, as in decode --max-pixels.")]
    public long? MaxPixels { get; set; }

    [CommandOption("--no-progress")]
    [Description("No progress bar (it is drawn only when standard error is a terminal anyway).")]
    public bool NoProgress { get; set; }
}

/// <summary>rsgconv batch INDIR OUTDIR: many files in parallel, skipping existing outputs, with a summary.</summary>
internal sealed partial class BatchCommand : Command<BatchSettings>
{
    private static readonly string[] ImagePatterns = ["*.png", "*.jpg", "*.jpeg", "*.bmp", "*.gif", "*.tga", "*.tif", "*.tiff", "*.webp", "*.pbm", "*.pgm", "*.ppm"];

    public override int Execute(CommandContext context, BatchSettings settings, CancellationToken cancellationToken)
    {
        int jobs = EncodeOptionSettings.ResolveThreads(settings.Jobs, "--jobs");
        RsgDecoderOptions decoderOptions = DecoderSettings.Options(settings.MaxPixels, threads: 1); // files decode in parallel, each on one thread
        string to = (settings.To ?? "rsg").TrimStart('.').ToLowerInvariant();
        bool encode = to == "rsg";
        // Files run in parallel, so each file's encode (its strips and any --target-size trials) stays on one thread.
        EncodeSettingsResolved? encodeOptions = encode ? settings.Resolve(1) : null;
        string format = encode ? "rsg" : ImageIo.FormatName("x." + to, null);
        if (!Directory.Exists(settings.InputDirectory))
        {
            throw new ToolException(File.Exists(settings.InputDirectory) ? ExitCodes.Usage : ExitCodes.IoError,
                $"{settings.InputDirectory}: {(File.Exists(settings.InputDirectory) ? "is a file; batch takes a directory (use encode for one file)" : "no such directory")}");
        }

        string[] patterns = settings.Include is { Length: > 0 } include ? include : encode ? ImagePatterns : ["*.rsg"];
        bool recursive = settings.Recursive || patterns.Any(p => p.Contains('/') || p.Contains("**", StringComparison.Ordinal));
        Regex[] globs = patterns.Select(Glob).ToArray();
        string inRoot = Path.GetFullPath(settings.InputDirectory), outRoot = Path.GetFullPath(settings.OutputDirectory);
        List<string> files = Directory.EnumerateFiles(inRoot, "*", new EnumerationOptions { RecurseSubdirectories = recursive, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden })
            .Where(f => !IsUnder(f, outRoot) || outRoot == inRoot)
            .Select(f => Path.GetRelativePath(inRoot, f).Replace('\\', '/'))
            .Where(rel => globs.Any(g => g.IsMatch(rel) || g.IsMatch(Path.GetFileName(rel))))
            .Where(rel => !Path.GetFileName(rel).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .ToList();
        Errors.About(settings.OutputDirectory, () => Directory.CreateDirectory(outRoot));

        var clock = Stopwatch.StartNew();
        int converted = 0, skipped = 0;
        long bytesIn = 0, bytesOut = 0;
        var failures = new List<(string File, string Reason)>();
        using (var progress = new ProgressBar(files.Count, !settings.NoProgress))
        {
            Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancellationToken }, rel =>
            {
                string source = Path.Combine(inRoot, rel);
                string target = Path.Combine(outRoot, Path.ChangeExtension(rel, format));
                string shownSource = Path.Combine(settings.InputDirectory, rel), shownTarget = Path.Combine(settings.OutputDirectory, Path.ChangeExtension(rel, format));
                if (!settings.Force && File.Exists(target))
                {
                    Interlocked.Increment(ref skipped);
                    progress.Completed(0, 0, false);
                    if (settings.Verbose)
                    {
                        progress.WriteLine($"skip {shownTarget} (exists; --force to redo)");
                    }

                    return;
                }

                long inSize = 0, outSize = 0;
                try
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    byte[] output;
                    if (encode)
                    {
                        using FileStream file = File.OpenRead(source);
                        inSize = file.Length;
                        using SourceImage input = ImageIo.LoadSource(file, withinDecoderLimits: !encodeOptions!.AllowLarge);
                        output = EncodeJob.Run(input, encodeOptions!, cancellationToken, shownSource).Bytes;
                        AtomicFile.Write(target, settings.Force, output);
                        outSize = output.Length;
                    }
                    else
                    {
                        byte[] data = File.ReadAllBytes(source);
                        inSize = data.Length;
                        RsgImage decoded = RsgDecoder.Decode(data, decoderOptions, cancellationToken);
                        ImageIo.WarnIfAlphaDropped(decoded.Info, target, format);
                        using Image image = ImageIo.ToImage(decoded.Pixels, decoded.Width, decoded.Height, decoded.PixelFormat,
                            settings.StripMetadata ? null : decoded.Info.Metadata);
                        AtomicFile.Write(target, settings.Force, stream => ImageIo.Save(image, stream, format));
                        outSize = new FileInfo(target).Length;
                    }

                    Interlocked.Increment(ref converted);
                    Interlocked.Add(ref bytesIn, inSize);
                    Interlocked.Add(ref bytesOut, outSize);
                    progress.Completed(inSize, outSize, false);
                    if (settings.Verbose)
                    {
                        progress.WriteLine($"{shownSource} ({inSize} bytes) -> {shownTarget} ({outSize} bytes)");
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException && !(e is ToolException { ExitCode: ExitCodes.Usage }) && e is not UsageException)
                {
                    string reason = Errors.Classify(e).Reason;
                    reason = reason.StartsWith(shownSource + ": ", StringComparison.Ordinal) ? reason[(shownSource.Length + 2)..] : reason;
                    lock (failures)
                    {
                        failures.Add((shownSource, reason));
                    }

                    progress.Completed(inSize, 0, true);
                    progress.WriteLine($"rsgconv: {shownSource}: {reason}");
                    if (settings.Verbose)
                    {
                        progress.WriteLine(e.ToString());
                    }
                }
            });
        }

        string ratio = bytesOut == 0 ? "n/a" : $"{(double)bytesIn / bytesOut:F2}:1";
        Console.Out.WriteLine($"batch: {files.Count} file(s): {converted} converted, {skipped} skipped (exist; --force to redo), {failures.Count} failed; "
            + $"{bytesIn} bytes in -> {bytesOut} bytes out (ratio {ratio}) in {clock.Elapsed.TotalSeconds:F1} s");
        if (files.Count == 0)
        {
            Console.Error.WriteLine($"rsgconv: {settings.InputDirectory}: no files match {string.Join(" ", patterns)}{(recursive ? string.Empty : " (add -r to descend into subdirectories)")}");
        }

        if (failures.Count == 0)
        {
            return ExitCodes.Ok;
        }

        Console.Out.WriteLine("failed:");
        foreach ((string file, string reason) in failures.OrderBy(f => f.File, StringComparer.Ordinal))
        {
            Console.Out.WriteLine($"  {file}: {reason}");
        }

        return ExitCodes.SomeFilesFailed;
    }

    private static bool IsUnder(string path, string directory) =>
        path.StartsWith(directory.TrimEnd('/') + "/", StringComparison.Ordinal);

    /// <summary>A glob as a regex over '/'-separated relative paths: ** any directories, * and ? within a name.</summary>
    internal static Regex Glob(string pattern)
    {
        string p = pattern.Replace('\\', '/').TrimStart('.', '/');
        var regex = new System.Text.StringBuilder("^");
        for (int i = 0; i < p.Length; i++)
        {
            char c = p[i];
            if (c == '*' && i + 1 < p.Length && p[i + 1] == '*')
            {
                bool slash = i + 2 < p.Length && p[i + 2] == '/';
                regex.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }
}
