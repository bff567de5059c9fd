namespace RegionCodec.Tools;

/// <summary>
/// A per-region request (--quality name=Q) that this image's segmentation cannot honour: a name or label it does not
/// have, or two requests for one region. A usage error (exit 2), known only once the image is segmented; in batch it
/// fails that file, not the run.
/// </summary>
internal sealed class RegionRequestException(string message) : Exception(message);
