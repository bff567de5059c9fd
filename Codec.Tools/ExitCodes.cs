namespace RegionCodec.Tools;

/// <summary>Process exit codes, documented in the README.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Bad command line.</summary>
    public const int Usage = 2;
    /// <summary>An input file is corrupt or not a supported image.</summary>
    public const int BadInput = 3;
    /// <summary>A file could not be read or written (missing, permissions, exists without --force).</summary>
    public const int IoError = 4;
}
