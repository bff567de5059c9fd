using System.Buffers;
using System.Buffers.Binary;
using RegionCodec.Container;

namespace RegionCodec.Decoding;

/// <summary>
/// The push-mode decoder every streaming path drives: give it whatever bytes have arrived, it
/// consumes the whole chunks among them, decodes each strip as soon as its chunk is complete and hands
/// the rows to an <see cref="IRsgRowSink"/>. Errors are thrown as <see cref="RsgFormatException"/>.
/// The one chunk walker: identify stops it after the region table, and the whole-buffer paths run it in
/// index-only mode (<see cref="StreamingGoal.Index"/>) to learn where the strips are.
/// </summary>
internal sealed class StreamingDecoder : IDisposable
{
    private readonly ContainerParser _parser;
    private readonly IRsgRowSink? _sink;
    private readonly CancellationToken _cancellationToken;
    private readonly StreamingGoal _goal;
    private long _offset;
    private bool _signatureRead;
    private StripDecoder? _stripDecoder;
    private bool _inChunk;
    private uint _chunkType;
    private uint _chunkLength;
    private byte[] _pending = [];
    private int _pendingCount;
    private StripChunk[]? _strips;
    private StripChunk[]? _alphas;
    private StripChunk[]? _losslesses;

    public StreamingDecoder(RsgDecoderOptions options, IRsgRowSink? sink, StreamingGoal goal, CancellationToken cancellationToken)
    {
        _parser = new ContainerParser(options);
        _sink = sink;
        _goal = goal;
        _cancellationToken = cancellationToken;
    }

    public RsgImageInfo? Info => _parser.Info;

    public ContainerParser Parser => _parser;

    /// <summary>With <see cref="StreamingGoal.Index"/>: each strip's chunk, by strip index (complete once <see cref="IsDone"/>).</summary>
    public StripChunk[] Strips => _strips ?? [];

    /// <summary>With <see cref="StreamingGoal.Index"/>: each strip's ALPH chunk, by strip index (empty without alpha).</summary>
    public StripChunk[] Alphas => _alphas ?? [];

    /// <summary>With <see cref="StreamingGoal.Index"/>: each strip's LOSS chunk, by strip index (empty without a lossless region).</summary>
    public StripChunk[] Losslesses => _losslesses ?? [];

    /// <summary>True once the REND chunk was read (or, for identify, once the first strip's head was read: the info is then complete).</summary>
    public bool IsDone => _parser.IsComplete || (_goal == StreamingGoal.Info && _parser.Info is not null);

    /// <summary>File offset of the next chunk to be read.</summary>
    public long Offset => _offset;

    /// <summary>
    /// Consumes <paramref name="buffer"/> (all of it, unless the file ends inside it), acting on each
    /// chunk as soon as it is complete, and returns the position up to which it was consumed. <paramref name="isFinalBlock"/> says no more bytes will come: an unfinished file is then truncated.
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

        Span<byte> head = stackalloc byte[ChunkFraming.HeadLength];
        while (!IsDone)
        {
            if (!_inChunk)
            {
                if (!reader.TryCopyTo(head))
                {
                    ThrowIfFinal(isFinalBlock, _offset + reader.Remaining, checkSignature: false, buffer);
                    break;
                }

                (_chunkType, _chunkLength) = ChunkFraming.ReadHead(head, _parser, _offset);
                reader.Advance(ChunkFraming.HeadLength);
                _inChunk = true;
                _pendingCount = 0;
                bool hadInfo = _parser.Info is not null;
                _parser.OnChunkHead(_chunkType);
                if (!hadInfo && _parser.Info is not null)
                {
                    // The first strip's head: header, names and metadata are final, no pixel decoded yet.
                    _sink?.OnInfo(_parser.Info);
                    if (IsDone)
                    {
                        break;
                    }
                }
            }

            // The chunk's data and CRC: straight from the input when it is all there, else gathered into
            // _pending so the input is always consumed (a pipe whose writer waits for room never stalls).
            int needed = (int)_chunkLength + ChunkFraming.CrcLength;
            ReadOnlySequence<byte> body;
            if (_pendingCount == 0 && reader.Remaining >= needed)
            {
                body = reader.UnreadSequence.Slice(0, needed);
                reader.Advance(needed);
            }
            else
            {
                int take = (int)Math.Min(needed - _pendingCount, reader.Remaining);
                GrowPending(_pendingCount + take, needed);
                reader.UnreadSequence.Slice(0, take).CopyTo(_pending.AsSpan(_pendingCount));
                reader.Advance(take);
                _pendingCount += take;
                if (_pendingCount < needed)
                {
                    ThrowIfFinal(isFinalBlock, _offset + ChunkFraming.HeadLength + _pendingCount, checkSignature: false, buffer);
                    break;
                }

                body = new ReadOnlySequence<byte>(_pending, 0, needed);
            }

            _inChunk = false;
            ProcessChunk(body);
        }

        return reader.Position;
    }

    /// <summary>Checks a complete chunk's CRC and acts on it. <paramref name="body"/> is its data followed by the CRC.</summary>
    private void ProcessChunk(ReadOnlySequence<byte> body)
    {
        long chunkOffset = _offset;
        ReadOnlySequence<byte> data = body.Slice(0, _chunkLength);
        Span<byte> crc = stackalloc byte[ChunkFraming.CrcLength];
        body.Slice(_chunkLength).CopyTo(crc);
        ChunkFraming.CheckCrc(_chunkType, data, BinaryPrimitives.ReadUInt32BigEndian(crc), chunkOffset + ChunkFraming.HeadLength + _chunkLength);
        _offset += ChunkFraming.HeadLength + body.Length;
        if (_chunkType is ChunkType.Strip or ChunkType.Alpha or ChunkType.Lossless)
        {
            AcceptStrip(data, chunkOffset);
            return;
        }

        _parser.Accept(_chunkType, data.IsSingleSegment ? data.FirstSpan : data.ToArray(), chunkOffset);
    }

    /// <summary>Grows the pending-chunk buffer with the bytes that have arrived (at most doubling, never past the chunk).</summary>
    private void GrowPending(int count, int chunkBytes)
    {
        if (_pending.Length < count)
        {
            byte[] larger = new byte[Math.Min(chunkBytes, Math.Max(count, 2 * _pending.Length))];
            _pending.AsSpan(0, _pendingCount).CopyTo(larger);
            _pending = larger;
        }
    }

    /// <summary>Takes a STRP, LOSS or ALPH chunk (<see cref="_chunkType"/>): records it, or decodes it as soon as it is complete.</summary>
    private void AcceptStrip(ReadOnlySequence<byte> data, long chunkOffset)
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

            bool alpha = _chunkType == ChunkType.Alpha, lossless = _chunkType == ChunkType.Lossless;
            var chunk = new StripChunk(_parser.Accept(_chunkType, span, chunkOffset), chunkOffset, span.Length);
            if (_goal == StreamingGoal.Index)
            {
                ref StripChunk[]? chunks = ref alpha ? ref _alphas : ref lossless ? ref _losslesses : ref _strips;
                (chunks ??= new StripChunk[_parser.Header!.StripCount])[chunk.Index] = chunk;
                return;
            }

            _stripDecoder ??= new StripDecoder(_parser.Header!, _parser.Regions!);
            if (lossless)
            {
                _stripDecoder.DecodeLosslessToSink(StripChunk.PayloadOf(span), chunk.Index, _sink);
            }
            else if (alpha)
            {
                _stripDecoder.DecodeAlphaToSink(StripChunk.PayloadOf(span), chunk.PayloadOffset, chunk.Index, _sink);
            }
            else
            {
                _stripDecoder.DecodeToSink(StripChunk.PayloadOf(span), chunk.PayloadOffset, chunk.Index, _sink);
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

    public void Dispose() => _stripDecoder?.Dispose();

    private void ThrowIfFinal(bool isFinalBlock, long available, bool checkSignature, ReadOnlySequence<byte> buffer)
    {
        if (!isFinalBlock)
        {
            return;
        }

        if (checkSignature && buffer.IsEmpty)
        {
            ThrowHelper.Format(RsgError.BadSignature, 0, "not an .rsg file (empty)");
        }

        if (checkSignature)
        {
            // A short file that does not even start like .rsg is reported as such, not as truncated.
            Span<byte> start = stackalloc byte[8];
            int n = (int)Math.Min(8, buffer.Length);
            buffer.Slice(0, n).CopyTo(start);
            if (!start[..n].SequenceEqual(RsgConstants.Signature[..n]))
            {
                ThrowHelper.Format(RsgError.BadSignature, 0, "not an .rsg file (signature mismatch)");
            }

            ThrowHelper.Format(RsgError.Truncated, available, "file ends inside the signature");
        }

        ThrowHelper.Format(RsgError.Truncated, available,
            _parser.Header is null ? "file ends before the header" : $"file ends after {_parser.NextStrip} of {_parser.Header.StripCount} strips, before REND");
    }
}
