using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Core.Features.Messaging;
using HocVuSo.Core.Features.Plans;
using HocVuSo.Core.Features.Reporting;
using HocVuSo.Core.Features.Teams;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HocVuSo.Core.Data;

/// <summary>
/// The one EF Core model of the platform. Each database provider has its own subclass
/// (<see cref="SqliteAppDbContext"/>, <see cref="PostgresAppDbContext"/>) only so that each gets
/// its own generated migrations; the model is the same.
/// </summary>
public abstract class AppDbContext(DbContextOptions options, PersonalDataProtector? protector) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    /// <summary>Encrypts and decrypts the personal data columns (<see cref="PersonalDataColumns"/>); null only in the EF design-time tools.</summary>
    public PersonalDataProtector? Protector => protector;

    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<PopulationBaseline> PopulationBaselines => Set<PopulationBaseline>();

    public DbSet<StaffAssignment> StaffAssignments => Set<StaffAssignment>();

    public DbSet<AccountActivation> AccountActivations => Set<AccountActivation>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Course> Courses => Set<Course>();

    public DbSet<CourseVersion> CourseVersions => Set<CourseVersion>();

    public DbSet<LearningModule> LearningModules => Set<LearningModule>();

    public DbSet<Lesson> Lessons => Set<Lesson>();

    public DbSet<Quiz> Quizzes => Set<Quiz>();

    public DbSet<Question> Questions => Set<Question>();

    public DbSet<LearningMedia> LearningMedia => Set<LearningMedia>();

    public DbSet<QuizAttempt> QuizAttempts => Set<QuizAttempt>();

    public DbSet<LessonProgress> LessonProgress => Set<LessonProgress>();

    public DbSet<AssistedSession> AssistedSessions => Set<AssistedSession>();

    public DbSet<CommunityTeam> CommunityTeams => Set<CommunityTeam>();

    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();

    public DbSet<FieldActivity> FieldActivities => Set<FieldActivity>();

    public DbSet<TrainingClass> TrainingClasses => Set<TrainingClass>();

    public DbSet<ActivityPhoto> ActivityPhotos => Set<ActivityPhoto>();

    public DbSet<Indicator> Indicators => Set<Indicator>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<OrganisationHeadcount> OrganisationHeadcounts => Set<OrganisationHeadcount>();

    public DbSet<OrganisationMember> OrganisationMembers => Set<OrganisationMember>();

    public DbSet<OrganisationJoinCode> OrganisationJoinCodes => Set<OrganisationJoinCode>();

    public DbSet<PlanSummary> PlanSummaries => Set<PlanSummary>();

    public DbSet<Plan> Plans => Set<Plan>();

    public DbSet<PlanSection> PlanSections => Set<PlanSection>();

    public DbSet<PlanTask> PlanTasks => Set<PlanTask>();

    public DbSet<PlanTaskCoordinator> PlanTaskCoordinators => Set<PlanTaskCoordinator>();

    public DbSet<PlanTarget> PlanTargets => Set<PlanTarget>();

    public DbSet<TaskUpdate> TaskUpdates => Set<TaskUpdate>();

    public DbSet<MonthlyReport> MonthlyReports => Set<MonthlyReport>();

    public DbSet<ProvincialReport> ProvincialReports => Set<ProvincialReport>();

    public DbSet<ClassAttendance> ClassAttendance => Set<ClassAttendance>();

    public DbSet<PersonIdentity> PersonIdentities => Set<PersonIdentity>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<CertificationRule> CertificationRules => Set<CertificationRule>();

    public DbSet<PersonCertification> Certifications => Set<PersonCertification>();

    public DbSet<DuplicateIdentityClaim> DuplicateIdentityClaims => Set<DuplicateIdentityClaim>();

    public DbSet<DigitalIdentityStatus> DigitalIdentityStatuses => Set<DigitalIdentityStatus>();

    public DbSet<ExternalConfirmation> ExternalConfirmations => Set<ExternalConfirmation>();

    public DbSet<Features.ServiceDesk.DeskService> DeskServices => Set<Features.ServiceDesk.DeskService>();

    public DbSet<Features.ServiceDesk.DeskVisit> DeskVisits => Set<Features.ServiceDesk.DeskVisit>();

    public DbSet<VneidSandboxConfirmation> VneidSandboxConfirmations => Set<VneidSandboxConfirmation>();

    public DbSet<IndicatorAggregate> IndicatorAggregates => Set<IndicatorAggregate>();

    public DbSet<AggregateDirtyMark> AggregateDirtyMarks => Set<AggregateDirtyMark>();

    public DbSet<RollupState> RollupStates => Set<RollupState>();

    public DbSet<Features.Privacy.ConsentRecord> ConsentRecords => Set<Features.Privacy.ConsentRecord>();

    public DbSet<Features.Privacy.DeletionRequest> DeletionRequests => Set<Features.Privacy.DeletionRequest>();

    public DbSet<Features.Idempotency.StoredResponse> StoredResponses => Set<Features.Idempotency.StoredResponse>();

    public DbSet<Features.Oversight.CommunicationItem> CommunicationItems => Set<Features.Oversight.CommunicationItem>();

    public DbSet<Features.Oversight.CommunicationPhoto> CommunicationPhotos => Set<Features.Oversight.CommunicationPhoto>();
    public DbSet<Features.Oversight.VerificationSample> VerificationSamples => Set<Features.Oversight.VerificationSample>();

    public DbSet<Features.Oversight.VerificationItem> VerificationItems => Set<Features.Oversight.VerificationItem>();

    public DbSet<Features.Oversight.ChecklistTemplate> ChecklistTemplates => Set<Features.Oversight.ChecklistTemplate>();

    public DbSet<Features.Oversight.ChecklistCriterion> ChecklistCriteria => Set<Features.Oversight.ChecklistCriterion>();

    public DbSet<Features.Oversight.InspectionPlan> InspectionPlans => Set<Features.Oversight.InspectionPlan>();

    public DbSet<Features.Oversight.InspectionPlanUnit> InspectionPlanUnits => Set<Features.Oversight.InspectionPlanUnit>();

    public DbSet<Features.Oversight.InspectionVisit> InspectionVisits => Set<Features.Oversight.InspectionVisit>();

    public DbSet<Features.Oversight.InspectionFinding> InspectionFindings => Set<Features.Oversight.InspectionFinding>();

    public DbSet<Features.Oversight.InspectionFollowUp> InspectionFollowUps => Set<Features.Oversight.InspectionFollowUp>();
    public DbSet<Common.Coordination.JobLease> JobLeases => Set<Common.Coordination.JobLease>();

    public DbSet<Common.Coordination.RateCounter> RateCounters => Set<Common.Coordination.RateCounter>();

    public DbSet<Features.Assistant.AssistantDocument> AssistantDocuments => Set<Features.Assistant.AssistantDocument>();

    public DbSet<Features.Assistant.AssistantDocumentPage> AssistantDocumentPages => Set<Features.Assistant.AssistantDocumentPage>();

    public DbSet<Features.Assistant.FaqEntry> FaqEntries => Set<Features.Assistant.FaqEntry>();

    public DbSet<Features.Assistant.AssistantIndexChange> AssistantIndexChanges => Set<Features.Assistant.AssistantIndexChange>();

    public DbSet<Features.Assistant.AssistantPromptLog> AssistantPromptLogs => Set<Features.Assistant.AssistantPromptLog>();

    /// <summary>The data-protection key ring (cookies, antiforgery and other tokens), shared by every web instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Everything is stored in UTC; the kind is restored on reading so both providers agree.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<AppUser>(e =>
        {
            // Encrypted at rest: 200 characters of name take up to about 900 once encrypted and encoded.
            e.Property(u => u.FullName).HasMaxLength(1000).IsProtectedPersonalData(protector, PersonalDataPurposes.UserFullName);
            e.Property(u => u.PhoneNumber).IsProtectedPersonalData(protector, PersonalDataPurposes.UserPhone);
            // Looked up by NormalizedEmail, which holds a keyed hash (PersonalDataLookupNormalizer), never the address.
            e.Property(u => u.Email).HasMaxLength(1000).IsProtectedPersonalData(protector, PersonalDataPurposes.UserEmail);
            // Accounts made before channel preferences existed keep e-mail; a person may also choose none (0).
            e.Property(u => u.NotificationChannels).HasDefaultValue(Features.Messaging.NotificationChannel.Email).HasSentinel(Features.Messaging.NotificationChannel.Email);
        });

        // The authenticator's shared key lets anyone who reads it make sign-in codes: encrypted like personal data.
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<string>>()
            .Property(t => t.Value).IsProtectedPersonalData(protector, PersonalDataPurposes.UserToken);

        builder.Entity<Unit>(e =>
        {
            e.Property(u => u.Code).HasMaxLength(20);
            e.Property(u => u.Name).HasMaxLength(200);
            e.Property(u => u.FullName).HasMaxLength(250);
            e.Property(u => u.Kind).HasMaxLength(20);
            e.Property(u => u.ParentCode).HasMaxLength(20);
            e.Property(u => u.Path).HasMaxLength(100);
            e.Property(u => u.ProvinceCode).HasMaxLength(2);
            e.Property(u => u.SearchName).HasMaxLength(250);
            e.Property(u => u.ChangeNote).HasMaxLength(500);
            e.HasIndex(u => new { u.Code, u.ValidFrom }).IsUnique();
            e.HasIndex(u => u.Path);
            e.HasIndex(u => new { u.ParentCode, u.Level });
            e.HasIndex(u => u.SearchName);
            e.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(u => u.SuccessorId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<PopulationBaseline>(e =>
        {
            e.HasIndex(b => new { b.UnitId, b.Year }).IsUnique();
            e.HasOne(b => b.Unit).WithMany().HasForeignKey(b => b.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.Ignore(b => b.StudentsTotal);
        });

        builder.Entity<StaffAssignment>(e =>
        {
            e.Property(a => a.Role).HasConversion<string>().HasMaxLength(40);
            e.Property(a => a.UnitPath).HasMaxLength(100);
            e.HasIndex(a => new { a.UserId, a.Role, a.UnitId }).IsUnique();
            e.HasIndex(a => a.UnitPath);
            e.HasOne(a => a.User).WithMany(u => u.Assignments).HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(a => a.Unit).WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Features.Plans.Organisation>().WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AccountActivation>(e =>
        {
            e.Property(a => a.CodeHash).HasMaxLength(32);
            e.HasIndex(a => a.UserId);
            e.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        LearningModelConfiguration.Configure(builder);
        TeamsModelConfiguration.Configure(builder, protector);
        ReportingModelConfiguration.Configure(builder);
        CertificationModelConfiguration.Configure(builder, protector);
        MessagingModelConfiguration.Configure(builder, protector);
        VneidModelConfiguration.Configure(builder, protector);
        AggregatesModelConfiguration.Configure(builder);
        PlansModelConfiguration.Configure(builder, protector);
        PrivacyModelConfiguration.Configure(builder);
        CommunicationsModelConfiguration.Configure(builder);
        VerificationModelConfiguration.Configure(builder);
        ServiceDeskModelConfiguration.Configure(builder);
        InspectionsModelConfiguration.Configure(builder);
        AwardsModelConfiguration.Configure(builder, protector);
        CoordinationModelConfiguration.Configure(builder);
        ContestsModelConfiguration.Configure(builder);
        AssistantModelConfiguration.Configure(builder);

        builder.Entity<Features.Idempotency.StoredResponse>(e =>
        {
            e.Property(r => r.UserId).HasMaxLength(450);
            e.Property(r => r.Request).HasMaxLength(Features.Idempotency.StoredResponses.MaxRequestLength);
            e.Property(r => r.Key).HasMaxLength(Features.Idempotency.StoredResponses.MaxKeyLength);
            e.Property(r => r.ContentType).HasMaxLength(100);
            e.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(r => new { r.UserId, r.Request, r.Key }).IsUnique();
        });

        builder.Entity<AuditEntry>(e =>
        {
            e.Property(a => a.Action).HasMaxLength(60);
            e.Property(a => a.EntityType).HasMaxLength(60);
            e.Property(a => a.EntityKey).HasMaxLength(100);
            e.Property(a => a.ActorName).HasMaxLength(256);
            e.Property(a => a.UnitPath).HasMaxLength(100);
            e.Property(a => a.Reason).HasMaxLength(1000);
            e.HasIndex(a => a.At);
            e.HasIndex(a => new { a.EntityType, a.EntityKey });
            e.HasIndex(a => a.UnitPath);
        });
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class SqliteAppDbContext : AppDbContext
{
    /// <summary>For the EF design-time tools only: no protector, so protected columns cannot be read or written.</summary>
    public SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options)
        : base(options, null)
    {
    }

    public SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options, PersonalDataProtector protector)
        : base(options, protector)
    {
    }
}

public sealed class PostgresAppDbContext : AppDbContext
{
    /// <summary>For the EF design-time tools only: no protector, so protected columns cannot be read or written.</summary>
    public PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options)
        : base(options, null)
    {
    }

    public PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options, PersonalDataProtector protector)
        : base(options, protector)
    {
    }
}
