using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HocVuSo.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddCertification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Certifications");

            migrationBuilder.DropTable(
                name: "DigitalIdentityStatuses");

            migrationBuilder.DropTable(
                name: "DuplicateIdentityClaims");

            migrationBuilder.DropTable(
                name: "CertificationRules");
        }
    }
}
