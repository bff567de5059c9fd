using SixLabors.ImageSharp.Formats;

namespace RegionCodec.ImageSharp;

/// <summary>Recognises .rsg files by their 8-byte signature (0x89 'R' 'S' 'G' CR LF 0x1A LF).</summary>
public sealed class RsgImageFormatDetector : IImageFormatDetector
{
    /// <inheritdoc/>
    public int HeaderSize => RsgConstants.Signature.Length;

    /// <inheritdoc/>
    public IImageFormat? DetectFormat(ReadOnlySpan<byte> header) =>
        header.Length >= HeaderSize && header[..HeaderSize].SequenceEqual(RsgConstants.Signature) ? RsgFormat.Instance : null;
}
