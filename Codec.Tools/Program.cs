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
        bool verbose = args.Contains("--verbose");
        if (args is ["shell"])
        {
            // A branch without its action: Spectre would print the help and exit 1; this is a usage error.
            Console.Error.WriteLine("rsgconv: shell needs an action: install, uninstall (Linux), register, unregister (Windows); see 'rsgconv shell --help'");
            return ExitCodes.Usage;
        }

        Interrupt.Install();

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
                .WithExample("decode", "photo.rsg", "photo.png", "--mask-out", "labels.png", "--mask-format", "labels")
                .WithExample("decode", "photo.rsg", "-", "--format", "ppm", "|", "display")
                .WithExample("decode", "-", "-", "<", "a.rsg", ">", "a.png");
            config.AddCommand<InfoCommand>("info")
                .WithDescription("Show an .rsg file: size, colour, regions (quality, mode, name), metadata, bytes per chunk; --bytes measures what each region, the mask and the alpha plane cost.")
                .WithExample("info", "photo.rsg")
                .WithExample("info", "photo.rsg", "--bytes")
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
            config.AddCommand<ThumbnailCommand>("thumbnail")
                .WithDescription("A thumbnail PNG (reduced-size decode) whose longest side is --size: what the installed file-manager thumbnailer runs.")
                .WithExample("thumbnail", "photo.rsg", "thumb.png", "--size", "256");
            config.AddBranch("shell", shell =>
            {
                shell.SetDescription("Desktop integration: Linux MIME type and thumbnailer (install/uninstall), Windows Explorer thumbnails (register/unregister).");
                shell.AddCommand<LinuxInstallCommand>("install")
                    .WithDescription("Install the image/x-rsg MIME type and the thumbnailer (freedesktop: GNOME, XFCE, Plasma); --user checks the thumbnailer by running it.")
                    .WithExample("shell", "install", "--user")
                    .WithExample("shell", "install", "--system", "--prefix", "/usr", "--destdir", "pkg");
                shell.AddCommand<LinuxUninstallCommand>("uninstall")
                    .WithDescription("Remove what install wrote.")
                    .WithExample("shell", "uninstall", "--user");
                shell.AddCommand<WindowsRegisterCommand>("register")
                    .WithDescription("Windows: register the Explorer thumbnail provider for this user (HKCU).")
                    .WithExample("shell", "register");
                shell.AddCommand<WindowsUnregisterCommand>("unregister")
                    .WithDescription("Windows: remove the thumbnail provider's registration.")
                    .WithExample("shell", "unregister");
            });
        });

        try
        {
            return app.Run(args.Length == 0 ? ["--help"] : Stdio.ToTokens(args), Interrupt.Token);
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
