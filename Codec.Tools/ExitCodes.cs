namespace RegionCodec.Tools;

/// <summary>Process exit codes, listed by <c>rsgconv --help</c> and in the README.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>batch: at least one file failed (the others were converted; the summary names the failures).</summary>
    public const int SomeFilesFailed = 1;

    /// <summary>Bad command line: unknown command or option, bad value, missing argument.</summary>
    public const int Usage = 2;

    /// <summary>An input file is corrupt or not a supported image.</summary>
    public const int BadInput = 3;

    /// <summary>A file could not be read or written (missing, permissions, output exists without --force).</summary>
    public const int IoError = 4;

    /// <summary>
    /// Something to install is missing: a segmentation method's (OpenCV's native library, the Haar cascades) or the desktop
    /// integration's (update-mime-database; a thumbnailer command that does not run).
    /// </summary>
    public const int MissingDependency = 5;

    /// <summary>--target-size cannot be met: even the lowest quality gives a larger file.</summary>
    public const int TargetUnreachable = 6;

    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Cancelled = 130;

    /// <summary>A bug in rsgconv or the codec (run with --verbose and report it).</summary>
    public const int InternalError = 70;

    public const string Help = """
        EXIT CODES:
            0    success
            1    batch: some files failed (named in the summary); the rest converted
            2    bad command line (unknown option, bad value, missing argument)
            3    an input is corrupt, not a supported image, or beyond the size
                 limits (encode --allow-large, decode --max-pixels)
            4    a file could not be read or written (missing, permission denied,
                 output exists without --force)
            5    a dependency is missing: OpenCV's native library (apt-get
                 install -y libgtk-3-0), the Haar cascades (apt-get install -y
                 opencv-data); shell install: update-mime-database
                 (shared-mime-info), or the thumbnailer command does not run
            6    --target-size cannot be reached even at quality 1
            70   internal error (run with --verbose and report it)
            130  interrupted
        """;
}
