using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HocVuSo.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Awards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AwardScheme",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Model = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NomineeKinds = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OpensOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ClosesOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PassScore = table.Column<int>(type: "integer", nullable: false),
                    Quorum = table.Column<int>(type: "integer", nullable: false),
                    AppraisalEndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Illustrative = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AwardScheme", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AwardScheme_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FestivalEvent",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Place = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    StartsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Illustrative = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FestivalEvent", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FestivalEvent_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RecognitionDecision",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Signer = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    IssuedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    IssuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Illustrative = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecognitionDecision", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RecognitionDecision_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AwardCriterion",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SchemeId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Weight = table.Column<int>(type: "integer", nullable: false),
                    ScaleMax = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AwardCriterion", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AwardCriterion_AwardScheme_SchemeId",
                        column: x => x.SchemeId,
                        principalTable: "AwardScheme",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CouncilMember",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SchemeId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    VillageUnitId = table.Column<int>(type: "integer", nullable: true),
                    VillagePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    OrganisationId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CouncilMember", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CouncilMember_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CouncilMember_AwardScheme_SchemeId",
                        column: x => x.SchemeId,
                        principalTable: "AwardScheme",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CouncilMember_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Nomination",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SchemeId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NomineeUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    NomineeOrganisationId = table.Column<int>(type: "integer", nullable: true),
                    NomineeName = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Story = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    PhotoUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    NominatedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    NominatedByOrganisationId = table.Column<int>(type: "integer", nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ConsentedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ConsentPublishName = table.Column<bool>(type: "boolean", nullable: false),
                    ConsentPublishStory = table.Column<bool>(type: "boolean", nullable: false),
                    WithdrawnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WithdrawnReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ResultScore = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: true),
                    VotesFor = table.Column<int>(type: "integer", nullable: false),
                    VotesAgainst = table.Column<int>(type: "integer", nullable: false),
                    Appraisers = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Nomination", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Nomination_AwardScheme_SchemeId",
                        column: x => x.SchemeId,
                        principalTable: "AwardScheme",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Nomination_Organisations_NomineeOrganisationId",
                        column: x => x.NomineeOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Nomination_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AppraisalScore",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NominationId = table.Column<int>(type: "integer", nullable: false),
                    MemberId = table.Column<int>(type: "integer", nullable: false),
                    CriterionId = table.Column<int>(type: "integer", nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppraisalScore", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AppraisalScore_AwardCriterion_CriterionId",
                        column: x => x.CriterionId,
                        principalTable: "AwardCriterion",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AppraisalScore_CouncilMember_MemberId",
                        column: x => x.MemberId,
                        principalTable: "CouncilMember",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AppraisalScore_Nomination_NominationId",
                        column: x => x.NominationId,
                        principalTable: "Nomination",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AppraisalVote",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NominationId = table.Column<int>(type: "integer", nullable: false),
                    MemberId = table.Column<int>(type: "integer", nullable: false),
                    Vote = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppraisalVote", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AppraisalVote_CouncilMember_MemberId",
                        column: x => x.MemberId,
                        principalTable: "CouncilMember",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AppraisalVote_Nomination_NominationId",
                        column: x => x.NominationId,
                        principalTable: "Nomination",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DecisionItem",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DecisionId = table.Column<int>(type: "integer", nullable: false),
                    NominationId = table.Column<int>(type: "integer", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Model = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RecognisedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Serial = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RecipientName = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Signature = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SigningKeyId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevocationReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionItem", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DecisionItem_Nomination_NominationId",
                        column: x => x.NominationId,
                        principalTable: "Nomination",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DecisionItem_RecognitionDecision_DecisionId",
                        column: x => x.DecisionId,
                        principalTable: "RecognitionDecision",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NominationEvidence",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NominationId = table.Column<int>(type: "integer", nullable: false),
                    CriterionId = table.Column<int>(type: "integer", nullable: true),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NominationEvidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NominationEvidence_AwardCriterion_CriterionId",
                        column: x => x.CriterionId,
                        principalTable: "AwardCriterion",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NominationEvidence_Nomination_NominationId",
                        column: x => x.NominationId,
                        principalTable: "Nomination",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NominationFigure",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NominationId = table.Column<int>(type: "integer", nullable: false),
                    CriterionId = table.Column<int>(type: "integer", nullable: false),
                    Metric = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Value = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Denominator = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NominationFigure", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NominationFigure_AwardCriterion_CriterionId",
                        column: x => x.CriterionId,
                        principalTable: "AwardCriterion",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NominationFigure_Nomination_NominationId",
                        column: x => x.NominationId,
                        principalTable: "Nomination",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AppraisalScore_CriterionId",
                table: "AppraisalScore",
                column: "CriterionId");

            migrationBuilder.CreateIndex(
                name: "IX_AppraisalScore_MemberId",
                table: "AppraisalScore",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_AppraisalScore_NominationId_MemberId_CriterionId",
                table: "AppraisalScore",
                columns: new[] { "NominationId", "MemberId", "CriterionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AppraisalVote_MemberId",
                table: "AppraisalVote",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_AppraisalVote_NominationId_MemberId",
                table: "AppraisalVote",
                columns: new[] { "NominationId", "MemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AwardCriterion_SchemeId_Number",
                table: "AwardCriterion",
                columns: new[] { "SchemeId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AwardScheme_UnitId",
                table: "AwardScheme",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_AwardScheme_UnitPath_Year",
                table: "AwardScheme",
                columns: new[] { "UnitPath", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_CouncilMember_OrganisationId",
                table: "CouncilMember",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilMember_SchemeId_UserId",
                table: "CouncilMember",
                columns: new[] { "SchemeId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CouncilMember_UserId",
                table: "CouncilMember",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_DecisionItem_DecisionId",
                table: "DecisionItem",
                column: "DecisionId");

            migrationBuilder.CreateIndex(
                name: "IX_DecisionItem_Model_UnitPath",
                table: "DecisionItem",
                columns: new[] { "Model", "UnitPath" });

            migrationBuilder.CreateIndex(
                name: "IX_DecisionItem_NominationId",
                table: "DecisionItem",
                column: "NominationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DecisionItem_Serial",
                table: "DecisionItem",
                column: "Serial",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FestivalEvent_UnitId",
                table: "FestivalEvent",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_FestivalEvent_UnitPath_Year",
                table: "FestivalEvent",
                columns: new[] { "UnitPath", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_Nomination_NomineeOrganisationId",
                table: "Nomination",
                column: "NomineeOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Nomination_SchemeId_State",
                table: "Nomination",
                columns: new[] { "SchemeId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Nomination_UnitId",
                table: "Nomination",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Nomination_UnitPath",
                table: "Nomination",
                column: "UnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_NominationEvidence_CriterionId",
                table: "NominationEvidence",
                column: "CriterionId");

            migrationBuilder.CreateIndex(
                name: "IX_NominationEvidence_NominationId",
                table: "NominationEvidence",
                column: "NominationId");

            migrationBuilder.CreateIndex(
                name: "IX_NominationFigure_CriterionId",
                table: "NominationFigure",
                column: "CriterionId");

            migrationBuilder.CreateIndex(
                name: "IX_NominationFigure_NominationId",
                table: "NominationFigure",
                column: "NominationId");

            migrationBuilder.CreateIndex(
                name: "IX_RecognitionDecision_UnitId_Number",
                table: "RecognitionDecision",
                columns: new[] { "UnitId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AppraisalScore");

            migrationBuilder.DropTable(
                name: "AppraisalVote");

            migrationBuilder.DropTable(
                name: "DecisionItem");

            migrationBuilder.DropTable(
                name: "FestivalEvent");

            migrationBuilder.DropTable(
                name: "NominationEvidence");

            migrationBuilder.DropTable(
                name: "NominationFigure");

            migrationBuilder.DropTable(
                name: "CouncilMember");

            migrationBuilder.DropTable(
                name: "RecognitionDecision");

            migrationBuilder.DropTable(
                name: "AwardCriterion");

            migrationBuilder.DropTable(
                name: "Nomination");

            migrationBuilder.DropTable(
                name: "AwardScheme");
        }
    }
}
