using System.Buffers;
using RegionCodec.Container;

namespace RegionCodec.Decoding;

/// <summary>
/// The push-mode decoder every streaming path drives: give it whatever bytes have arrived, it
/// consumes the whole chunks among them, decodes each strip as soon as its chunk is complete and hands
/// the rows to an <see cref="IRsgRowSink"/>. Errors are thrown as <see cref="RsgFormatException"/>.
/// </summary>
internal sealed class StreamingDecoder
{
    private readonly ContainerParser _parser;
    private readonly IRsgRowSink? _sink;
    private readonly CancellationToken _cancellationToken;
    private readonly bool _stopAfterInfo;
    private long _offset;
    private bool _signatureRead;
    private StripDecoder? _stripDecoder;
    private byte[] _stripPixels = [];
    private byte[] _stripMask = [];

    public StreamingDecoder(RsgDecoderOptions options, IRsgRowSink? sink, bool stopAfterInfo, CancellationToken cancellationToken)
    {
        _parser = new ContainerParser(options);
        _sink = sink;
        _stopAfterInfo = stopAfterInfo;
        _cancellationToken = cancellationToken;
    }

    public RsgImageInfo? Info => _parser.Info;

    /// <summary>True once the REND chunk was read (or, for identify, once the region table was read).</summary>
    public bool IsDone => _parser.IsComplete || (_stopAfterInfo && _parser.Info is not null);

    /// <summary>Bytes consumed so far, which is also the file offset of the next unread byte.</summary>
    public long Offset => _offset;

    /// <summary>
    /// Consumes every complete chunk in <paramref name="buffer"/> and returns the position up to which
    /// it was consumed. <paramref name="isFinalBlock"/> says no more bytes will come: an unfinished file is then truncated.
    /// </summary>
    public SequencePosition Feed(ReadOnlySequence<byte> buffer, bool isFinalBlock)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!_signatureRead)
        {
            Span<byte> signature = stackalloc byte[8];
            if (!reader.TryCopyTo(signature))
            {
                ThrowIfFinal(isFinalBlock, buffer.Length, checkSignature: true, buffer);
                return buffer.Start;
            }

            if (!signature.SequenceEqual(RsgConstants.Signature))
            {
                ThrowHelper.Format(RsgError.BadSignature, 0, "not an .rsg file (signature mismatch)");
            }

            reader.Advance(8);
            _offset = 8;
            _signatureRead = true;
        }

        while (!IsDone)
        {
            if (!ChunkFraming.TryRead(ref reader, _parser, _offset, out uint type, out ReadOnlySequence<byte> data))
            {
                ThrowIfFinal(isFinalBlock, _offset + reader.Remaining, checkSignature: false, buffer);
                break;
            }

            long chunkOffset = _offset;
            _offset += 12 + data.Length;
            if (type == ChunkType.Strip)
            {
                DecodeStrip(data, chunkOffset);
            }
            else
            {
                bool hadInfo = _parser.Info is not null;
                _parser.Accept(type, data.IsSingleSegment ? data.FirstSpan : data.ToArray(), chunkOffset);
                if (!hadInfo && _parser.Info is not null)
                {
                    _sink?.OnInfo(_parser.Info);
                }
            }
        }

        return reader.Position;
    }

    private void DecodeStrip(ReadOnlySequence<byte> data, long chunkOffset)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        byte[]? rented = null;
        try
        {
            ReadOnlySpan<byte> span;
            if (data.IsSingleSegment)
            {
                span = data.FirstSpan;
            }
            else
            {
                rented = ArrayPool<byte>.Shared.Rent((int)data.Length);
                data.CopyTo(rented);
                span = rented.AsSpan(0, (int)data.Length);
            }

            int strip = _parser.Accept(ChunkType.Strip, span, chunkOffset);
            FrameHeader header = _parser.Header!;
            _stripDecoder ??= new StripDecoder(header, _parser.Regions!);

            int rows = header.StripRows(strip);
            int stride = header.Width * (header.ComponentCount == 1 ? 1 : 3);
            int maskRows = StripDecoder.MaskRowCount(header, strip);
            EnsureSize(ref _stripPixels, (long)rows * stride);
            EnsureSize(ref _stripMask, (long)maskRows * header.MaskWidth);
            Span<byte> pixels = _stripPixels.AsSpan(0, rows * stride);
            Span<byte> mask = _stripMask.AsSpan(0, maskRows * header.MaskWidth);
            _stripDecoder.Decode(span[4..], chunkOffset + 12, strip, pixels, stride, mask);
            if (_sink is not null)
            {
                _sink.OnMaskRows(header.StripTop(strip) >> header.MaskCellLog2, maskRows, mask);
                _sink.OnRows(header.StripTop(strip), rows, pixels, stride);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private void ThrowIfFinal(bool isFinalBlock, long available, bool checkSignature, ReadOnlySequence<byte> buffer)
    {
        if (!isFinalBlock)
        {
            return;
        }

        if (checkSignature && !buffer.IsEmpty)
        {
            // A short file that does not even start like .rsg is reported as such, not as truncated.
            Span<byte> start = stackalloc byte[8];
            int n = (int)Math.Min(8, buffer.Length);
            buffer.Slice(0, n).CopyTo(start);
            if (!start[..n].SequenceEqual(RsgConstants.Signature[..n]))
            {
                ThrowHelper.Format(RsgError.BadSignature, 0, "not an .rsg file (signature mismatch)");
            }
        }

        ThrowHelper.Format(RsgError.Truncated, available,
            _parser.Header is null ? "file ends before the header" : $"file ends after {_parser.NextStrip} of {_parser.Header.StripCount} strips, before REND");
    }

    private static void EnsureSize(ref byte[] buffer, long size)
    {
        if (buffer.Length < size)
        {
            buffer = new byte[size];
        }
    }
}
