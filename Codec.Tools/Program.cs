using System.Diagnostics.CodeAnalysis;
using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Help;
using Spectre.Console.Rendering;

namespace RegionCodec.Tools;

/// <summary>
/// rsgconv: encode any image ImageSharp reads to .rsg (segmented, per-region qualities, size targets),
/// decode .rsg to any format it writes, inspect files, preview segmentations, convert directories.
/// Errors print one line naming the file and exit non-zero; see <see cref="ExitCodes"/>.
/// </summary>
internal static class Program
{
    // Spectre.Console.Cli marks CommandApp as needing dynamic code for its reflection over command and settings
    // types; NativeAot.props roots those types and Spectre's assembly, and the native build is tested (NativeRsgconvTests).
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Command and settings types are rooted for the native build; see NativeAot.props")]
    public static int Main(string[] args)
    {
        // Desktop integration commands come from Codec.Shell with their own parsing and help.
        switch (args)
        {
            case ["thumbnail", .. var rest]:
                return RegionCodec.Shell.ShellCommandLine.Thumbnail(rest, Console.Out, Console.Error);
            case ["shell", .. var rest]:
                return RegionCodec.Shell.ShellCommandLine.Shell(rest, Console.Out, Console.Error,
                    Path.Combine(AppContext.BaseDirectory, RegionCodec.Shell.WindowsShellRegistration.ComHostFileName));
        }

        bool verbose = args.Contains("--verbose");
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true; // let the running command unwind and delete its temporary file
            cancel.Cancel();
        };

        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("rsgconv");
            config.SetApplicationVersion(typeof(Program).Assembly.GetName().Version?.ToString(3) ?? "0");
            config.PropagateExceptions();
            config.UseStrictParsing();
            config.TrimTrailingPeriods(false);
            config.SetHelpProvider(new FooterHelpProvider(config.Settings));
            IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(Console.Out),
                Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
                ColorSystem = Console.IsOutputRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
                Interactive = InteractionSupport.No,
            });
            if (Console.IsOutputRedirected)
            {
                console.Profile.Width = 110; // help piped to a file or pager: wide enough for the examples
            }

            config.ConfigureConsole(console);

            config.AddCommand<EncodeCommand>("encode")
                .WithDescription("Encode an image (png, jpg, bmp, gif, tga, tiff, webp, pbm, rsg) to .rsg, segmented into regions with a quality each.")
                .WithExample("encode", "photo.png", "photo.rsg")
                .WithExample("encode", "photo.png", "photo.rsg", "--quality", "fg=90,bg=30", "--segment", "grabcut")
                .WithExample("encode", "portrait.jpg", "portrait.rsg", "--segment", "grabcut,faces", "--quality", "face=95,foreground=80,bg=25")
                .WithExample("encode", "photo.png", "photo.rsg", "--target-size", "50KB")
                .WithExample("encode", "photo.png", "photo.rsg", "--mask", "mask.png", "--quality", "fg=95,bg=20")
                .WithExample("encode", "photo.png", "photo.rsg", "--segment", "none", "--quality", "80", "--subsampling", "444")
                .WithExample("encode", "-", "-", "<", "a.png", ">", "a.rsg");
            config.AddCommand<DecodeCommand>("decode")
                .WithDescription("Decode .rsg to an image; the format comes from the output's extension (or --format).")
                .WithExample("decode", "photo.rsg", "photo.png")
                .WithExample("decode", "photo.rsg", "photo.jpg", "--mask-out", "regions.png")
                .WithExample("decode", "photo.rsg", "-", "--format", "ppm", "|", "display")
                .WithExample("decode", "-", "-", "<", "a.rsg", ">", "a.png");
            config.AddCommand<InfoCommand>("info")
                .WithDescription("Show an .rsg file: size, colour, regions (quality, share of pixels, estimated bytes), bytes per chunk.")
                .WithExample("info", "photo.rsg")
                .WithExample("info", "photo.rsg", "--json");
            config.AddCommand<OverlayCommand>("overlay")
                .WithDescription("Preview a segmentation: the regions tinted over the image (label 0 dark blue, 1 red, 2 green, 3 yellow, ...).")
                .WithExample("overlay", "photo.png", "regions.png")
                .WithExample("overlay", "portrait.jpg", "regions.png", "--segment", "grabcut,faces");
            config.AddCommand<BatchCommand>("batch")
                .WithDescription("Convert every matching file of a directory, in parallel, skipping outputs that exist; exit 1 if any file failed.")
                .WithExample("batch", "photos", "out")
                .WithExample("batch", "photos", "out", "-r", "--include", "*.jpg", "--quality", "fg=90,bg=30", "--jobs", "4")
                .WithExample("batch", "out", "back", "--to", "png");
        });

        try
        {
            return app.Run(args.Length == 0 ? ["--help"] : Stdio.ToTokens(args), cancel.Token);
        }
        catch (Exception e)
        {
            Exception error = e is CommandRuntimeException { InnerException: { } inner } && e.GetType() == typeof(CommandRuntimeException) && inner is not CommandAppException ? inner : e;
            (int code, string reason) = Errors.Classify(error);
            Console.Error.WriteLine($"rsgconv: {reason}");
            if (code == ExitCodes.Usage)
            {
                Console.Error.WriteLine("Run 'rsgconv --help' or 'rsgconv COMMAND --help' for usage.");
            }

            if (verbose)
            {
                Console.Error.WriteLine(error);
            }

            return code;
        }
    }

    /// <summary>Spectre's help plus the exit codes and conventions at the end of every help page.</summary>
    private sealed class FooterHelpProvider(ICommandAppSettings settings) : HelpProvider(settings)
    {
        public override IEnumerable<IRenderable> GetFooter(ICommandModel model, ICommandInfo? command) =>
        [
            .. base.GetFooter(model, command),
            new Text("""

                DESKTOP INTEGRATION (own help: rsgconv thumbnail --help, rsgconv shell --help):
                    thumbnail -s SIZE IN.rsg OUT.png     a thumbnail (reduced-size decode), for file managers
                    shell install|uninstall --user|--system   Linux MIME type and thumbnailer
                    shell register|unregister             Windows Explorer thumbnails (HKCU)

                NOTES:
                    "-" as IN reads standard input; as OUT it writes standard output
                    (reports then go to standard error). Outputs are written to a
                    temporary file and renamed, so a failed run leaves nothing behind.
                    An existing output is never replaced without --force; the input is
                    never modified. Errors are one line naming the file; --verbose adds
                    the stack trace.

                """ + ExitCodes.Help + "\n"),
        ];
    }
}
