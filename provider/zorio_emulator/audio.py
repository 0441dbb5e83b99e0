"""Audio uploads (contract section 8): detection by magic bytes and conversion to WAV 16-bit PCM 8 kHz mono.

WAV input is really converted (stdlib `wave` + `audioop`). Limitation: MP3 and M4A are not decoded (no codec
in the standard library); their duration is read with mutagen and they are stored as a silent 8 kHz WAV of
that duration, which is enough for the API's observable behaviour (size, duration, download format).
"""

from __future__ import annotations

import io
import warnings
import wave

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import audioop  # deprecated in 3.11, still present until 3.13

from zorio_emulator import rules

WAV, MP3, M4A = "wav", "mp3", "m4a"
SAMPLE_WIDTH = 2  # 16-bit PCM


class NotAudio(ValueError):
    """The upload is not a readable wav, mp3 or m4a file."""


def detect(data: bytes) -> str | None:
    """The audio type from magic bytes, or None."""
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return WAV
    if data[:3] == b"ID3" or (len(data) >= 2 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0):
        return MP3
    if len(data) >= 8 and data[4:8] == b"ftyp":
        return M4A
    return None


def convert(data: bytes) -> tuple[bytes, float]:
    """(stored WAV bytes, duration in seconds); raises NotAudio."""
    kind = detect(data)
    if kind == WAV:
        return _convert_wav(data)
    if kind in (MP3, M4A):
        duration = _probe_duration(data)
        return silent_wav(duration), duration
    raise NotAudio("unknown format")


def _convert_wav(data: bytes) -> tuple[bytes, float]:
    try:
        with wave.open(io.BytesIO(data)) as source:
            channels, width, rate, frames = (
                source.getnchannels(), source.getsampwidth(), source.getframerate(), source.getnframes()
            )
            pcm = source.readframes(frames)
    except Exception as exc:  # noqa: BLE001 - wave raises RuntimeError, EOFError... on corrupt headers
        raise NotAudio(str(exc)) from None
    if rate <= 0 or channels <= 0 or width not in (1, 2, 3, 4):
        raise NotAudio("unsupported wav parameters")
    frames = len(pcm) // (channels * width)
    pcm = pcm[: frames * channels * width]
    try:
        if width == 1:
            pcm = audioop.bias(pcm, 1, -128)  # 8-bit WAV is unsigned
        if width != SAMPLE_WIDTH:
            pcm = audioop.lin2lin(pcm, width, SAMPLE_WIDTH)
        if channels == 2:
            pcm = audioop.tomono(pcm, SAMPLE_WIDTH, 0.5, 0.5)
        elif channels > 2:
            pcm = _first_channel(pcm, channels)
        if rate != rules.MEDIA_SAMPLE_RATE:
            pcm, _ = audioop.ratecv(pcm, SAMPLE_WIDTH, 1, rate, rules.MEDIA_SAMPLE_RATE, None)
    except audioop.error as exc:
        raise NotAudio(str(exc)) from None
    return _wav(pcm), round(frames / rate, 3)


def _first_channel(pcm: bytes, channels: int) -> bytes:
    step = SAMPLE_WIDTH * channels
    return b"".join(pcm[i : i + SAMPLE_WIDTH] for i in range(0, len(pcm), step))


def _probe_duration(data: bytes) -> float:
    import mutagen

    try:
        parsed = mutagen.File(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - mutagen raises many types for garbage
        raise NotAudio(str(exc)) from None
    length = getattr(getattr(parsed, "info", None), "length", None)
    if not length or length <= 0 or length > 24 * 3600:
        raise NotAudio("no audio stream")
    return round(float(length), 3)


def silent_wav(duration: float) -> bytes:
    """A silent WAV 16-bit PCM 8 kHz mono of `duration` seconds."""
    frames = int(round(duration * rules.MEDIA_SAMPLE_RATE))
    return _wav(b"\x00\x00" * frames)


def _wav(pcm: bytes) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as target:
        target.setnchannels(1)
        target.setsampwidth(SAMPLE_WIDTH)
        target.setframerate(rules.MEDIA_SAMPLE_RATE)
        target.writeframes(pcm)
    return out.getvalue()
