namespace HocVuSo.Core.Features.Assistant;

/// <summary>
/// A document a province or commune gives the assistant (a directive, a plan, a guide: tài liệu):
/// kept whole, with its text by page. It is found by staff whose scope covers the uploading unit,
/// and, when marked public, by learners living under that unit.
/// </summary>
public sealed class AssistantDocument
{
    public int Id { get; set; }

    public int UnitId { get; set; }

    public required string UnitPath { get; set; }

    public required string Title { get; set; }

    public required string FileName { get; set; }

    /// <summary>pdf, docx or txt.</summary>
    public required string Kind { get; set; }

    public required string ContentType { get; set; }

    public bool IsPublic { get; set; }

    public long SizeBytes { get; set; }

    public required byte[] Bytes { get; set; }

    public DateTime UploadedAt { get; set; }

    public string? UploadedByUserId { get; set; }

    public List<AssistantDocumentPage> Pages { get; } = [];
}

/// <summary>The text of one page of a document (a PDF page; a section of a .docx or text file).</summary>
public sealed class AssistantDocumentPage
{
    public int Id { get; set; }

    public int DocumentId { get; set; }

    public int Number { get; set; }

    public required string Text { get; set; }
}

/// <summary>A question people often ask, with the answer content authors keep (câu hỏi thường gặp).</summary>
public sealed class FaqEntry
{
    public int Id { get; set; }

    public required string Question { get; set; }

    public required string Answer { get; set; }

    public DateTime UpdatedAt { get; set; }

    public string? UpdatedByUserId { get; set; }
}

/// <summary>
/// One change to what the assistant searches (a document uploaded or removed, an FAQ entry saved
/// or removed), written in the same transaction as the change. Each instance keeps the highest id it
/// has applied to its own index and applies the later ones before it searches; course versions are
/// compared directly (see docs/ASSISTANT.md).
/// </summary>
public sealed class AssistantIndexChange
{
    public long Id { get; set; }

    /// <summary>What to re-read: "faq:12", "document:3".</summary>
    public required string Source { get; set; }

    public DateTime At { get; set; }
}

/// <summary>What the optional language model was asked, for the audit: the sources it was given, never the question's personal data.</summary>
public sealed class AssistantPromptLog
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public string? UserId { get; set; }

    /// <summary>The question as sent, personal data already removed.</summary>
    public required string Question { get; set; }

    /// <summary>The passage ids given as sources, one per line.</summary>
    public required string Sources { get; set; }

    /// <summary>answered, timeout, failed, refused (budget or circuit open).</summary>
    public required string Outcome { get; set; }
}
