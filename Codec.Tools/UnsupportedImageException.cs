namespace RegionCodec.Tools;

/// <summary>An input in a format rsgconv knows, using a feature its reader does not support (ImageSharp's NotSupportedException while decoding).</summary>
internal sealed class UnsupportedImageException(string message, Exception inner) : Exception(message, inner);
