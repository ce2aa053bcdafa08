using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HocVuSo.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CertificationVneidReportingAndProtection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Phone",
                table: "TeamMembers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "FullName",
                table: "TeamMembers",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AddColumn<string>(
                name: "VneidSubject",
                table: "PersonIdentities",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "VneidVerifiedAt",
                table: "PersonIdentities",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubmissionKey",
                table: "MonthlyReports",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "WalkInName",
                table: "ClassAttendance",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "FullName",
                table: "AspNetUsers",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.CreateTable(
                name: "AggregateDirtyMarks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Period = table.Column<DateOnly>(type: "date", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AggregateDirtyMarks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CertificationRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Version = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CourseSlug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    QuizSlug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RequiredDomains = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TargetGroup = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Campaign = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    AssistedPolicy = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificationRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DigitalIdentityStatuses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    VneidLevel2On = table.Column<DateOnly>(type: "date", nullable: true),
                    VneidLevel2Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    VneidLevel2RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DigitalSignatureOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DigitalSignatureSource = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    DigitalSignatureRecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DigitalIdentityStatuses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DigitalIdentityStatuses_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DuplicateIdentityClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClaimantUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    HolderUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ResolvedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResolvedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    KeptUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DuplicateIdentityClaims", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IndicatorAggregates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ParentCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    Period = table.Column<DateOnly>(type: "date", nullable: false),
                    Code = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Value = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndicatorAggregates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Type = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DeliveredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LockedUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClaimToken = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProvincialReports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Period = table.Column<DateOnly>(type: "date", nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IssuedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Totals = table.Column<string>(type: "text", nullable: false),
                    Communes = table.Column<int>(type: "integer", nullable: false),
                    ApprovedCommunes = table.Column<int>(type: "integer", nullable: false),
                    LateCommunes = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProvincialReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProvincialReports_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RollupStates",
                columns: table => new
                {
                    Period = table.Column<DateOnly>(type: "date", nullable: false),
                    ComputedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RollupStates", x => x.Period);
                });

            migrationBuilder.CreateTable(
                name: "VneidSandboxConfirmations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IdempotencyKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AcknowledgementId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ReceivedCount = table.Column<int>(type: "integer", nullable: false),
                    FirstReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PersonalIdHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PersonalIdMasked = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FullName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CertificateSerial = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    CertifiedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RuleVersion = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CommuneCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PayloadHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VneidSandboxConfirmations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Certifications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    RuleId = table.Column<int>(type: "integer", nullable: false),
                    RuleVersion = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    EvidenceAttemptIds = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Assisted = table.Column<bool>(type: "boolean", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CommuneCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    EvaluatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CertifiedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Serial = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    HolderName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    MaskedIdNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Signature = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SigningKeyId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    SignedOffByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    SignedOffAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    VneidConfirmedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    VneidAcknowledgementId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    RevocationReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Certifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Certifications_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Certifications_CertificationRules_RuleId",
                        column: x => x.RuleId,
                        principalTable: "CertificationRules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PersonIdentities_VneidSubject",
                table: "PersonIdentities",
                column: "VneidSubject",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AggregateDirtyMarks_Period",
                table: "AggregateDirtyMarks",
                column: "Period");

            migrationBuilder.CreateIndex(
                name: "IX_CertificationRules_Version",
                table: "CertificationRules",
                column: "Version",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Certifications_RuleId",
                table: "Certifications",
                column: "RuleId");

            migrationBuilder.CreateIndex(
                name: "IX_Certifications_Serial",
                table: "Certifications",
                column: "Serial",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Certifications_UnitPath",
                table: "Certifications",
                column: "UnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_Certifications_UserId",
                table: "Certifications",
                column: "UserId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DigitalIdentityStatuses_UnitPath",
                table: "DigitalIdentityStatuses",
                column: "UnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_DigitalIdentityStatuses_UserId",
                table: "DigitalIdentityStatuses",
                column: "UserId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DuplicateIdentityClaims_ClaimantUserId_HolderUserId_Status",
                table: "DuplicateIdentityClaims",
                columns: new[] { "ClaimantUserId", "HolderUserId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_DuplicateIdentityClaims_UnitPath",
                table: "DuplicateIdentityClaims",
                column: "UnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorAggregates_ParentCode_Code_Period",
                table: "IndicatorAggregates",
                columns: new[] { "ParentCode", "Code", "Period" });

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorAggregates_Period_Source",
                table: "IndicatorAggregates",
                columns: new[] { "Period", "Source" });

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorAggregates_UnitId_Period_Code_Source",
                table: "IndicatorAggregates",
                columns: new[] { "UnitId", "Period", "Code", "Source" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_IdempotencyKey",
                table: "OutboxMessages",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Reference",
                table: "OutboxMessages",
                column: "Reference");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Status_NextAttemptAt",
                table: "OutboxMessages",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ProvincialReports_UnitId_Period",
                table: "ProvincialReports",
                columns: new[] { "UnitId", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VneidSandboxConfirmations_IdempotencyKey",
                table: "VneidSandboxConfirmations",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VneidSandboxConfirmations_PersonalIdHash",
                table: "VneidSandboxConfirmations",
                column: "PersonalIdHash");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AggregateDirtyMarks");

            migrationBuilder.DropTable(
                name: "Certifications");

            migrationBuilder.DropTable(
                name: "DigitalIdentityStatuses");

            migrationBuilder.DropTable(
                name: "DuplicateIdentityClaims");

            migrationBuilder.DropTable(
                name: "IndicatorAggregates");

            migrationBuilder.DropTable(
                name: "OutboxMessages");

            migrationBuilder.DropTable(
                name: "ProvincialReports");

            migrationBuilder.DropTable(
                name: "RollupStates");

            migrationBuilder.DropTable(
                name: "VneidSandboxConfirmations");

            migrationBuilder.DropTable(
                name: "CertificationRules");

            migrationBuilder.DropIndex(
                name: "IX_PersonIdentities_VneidSubject",
                table: "PersonIdentities");

            migrationBuilder.DropColumn(
                name: "VneidSubject",
                table: "PersonIdentities");

            migrationBuilder.DropColumn(
                name: "VneidVerifiedAt",
                table: "PersonIdentities");

            migrationBuilder.DropColumn(
                name: "SubmissionKey",
                table: "MonthlyReports");

            migrationBuilder.AlterColumn<string>(
                name: "Phone",
                table: "TeamMembers",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "FullName",
                table: "TeamMembers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(1000)",
                oldMaxLength: 1000);

            migrationBuilder.AlterColumn<string>(
                name: "WalkInName",
                table: "ClassAttendance",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(1000)",
                oldMaxLength: 1000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "FullName",
                table: "AspNetUsers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(1000)",
                oldMaxLength: 1000);
        }
    }
}
