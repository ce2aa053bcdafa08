using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HocVuSo.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Contests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Contests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    OrganiserUnitId = table.Column<int>(type: "integer", nullable: false),
                    OrganiserUnitPath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Audience = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    QuestionsPerEntry = table.Column<int>(type: "integer", nullable: false),
                    Minutes = table.Column<int>(type: "integer", nullable: false),
                    PredictionQuestion = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Illustrative = table.Column<bool>(type: "boolean", nullable: false),
                    PoolVersion = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Contests_Units_OrganiserUnitId",
                        column: x => x.OrganiserUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ContestQuestions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContestId = table.Column<int>(type: "integer", nullable: false),
                    Slug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Competency = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Text = table.Column<string>(type: "text", nullable: false),
                    Explanation = table.Column<string>(type: "text", nullable: false),
                    Options = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContestQuestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContestQuestions_Contests_ContestId",
                        column: x => x.ContestId,
                        principalTable: "Contests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContestRounds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContestId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    OpensAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosesAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinalParticipants = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContestRounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContestRounds_Contests_ContestId",
                        column: x => x.ContestId,
                        principalTable: "Contests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContestEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    PersonKey = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    OpenForUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    HomeUnitId = table.Column<int>(type: "integer", nullable: false),
                    HomeUnitPath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Group = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PublicName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PublicUnit = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Deadline = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    QuestionIds = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SubmissionKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Answers = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    Correct = table.Column<int>(type: "integer", nullable: true),
                    TimeTakenMs = table.Column<int>(type: "integer", nullable: true),
                    Prediction = table.Column<long>(type: "bigint", nullable: true),
                    PredictionDistance = table.Column<long>(type: "bigint", nullable: true),
                    Late = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContestEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContestEntries_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ContestEntries_ContestRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "ContestRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ContestEntries_Units_HomeUnitId",
                        column: x => x.HomeUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ContestPrizes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    EntryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Prize = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DecisionNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DecisionDate = table.Column<DateOnly>(type: "date", nullable: false),
                    AwardedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AwardedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContestPrizes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContestPrizes_ContestEntries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "ContestEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ContestPrizes_ContestRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "ContestRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContestEntries_HomeUnitId",
                table: "ContestEntries",
                column: "HomeUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ContestEntries_OpenForUserId",
                table: "ContestEntries",
                column: "OpenForUserId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContestEntries_RoundId_Correct_TimeTakenMs_PredictionDistan~",
                table: "ContestEntries",
                columns: new[] { "RoundId", "Correct", "TimeTakenMs", "PredictionDistance" },
                descending: new[] { false, true, false, false });

            migrationBuilder.CreateIndex(
                name: "IX_ContestEntries_RoundId_HomeUnitPath",
                table: "ContestEntries",
                columns: new[] { "RoundId", "HomeUnitPath" });

            migrationBuilder.CreateIndex(
                name: "IX_ContestEntries_RoundId_PersonKey",
                table: "ContestEntries",
                columns: new[] { "RoundId", "PersonKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContestEntries_UserId_RoundId",
                table: "ContestEntries",
                columns: new[] { "UserId", "RoundId" });

            migrationBuilder.CreateIndex(
                name: "IX_ContestPrizes_EntryId",
                table: "ContestPrizes",
                column: "EntryId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContestPrizes_RoundId",
                table: "ContestPrizes",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_ContestQuestions_ContestId_Slug",
                table: "ContestQuestions",
                columns: new[] { "ContestId", "Slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContestRounds_ContestId_Number",
                table: "ContestRounds",
                columns: new[] { "ContestId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Contests_OrganiserUnitId",
                table: "Contests",
                column: "OrganiserUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Contests_OrganiserUnitPath",
                table: "Contests",
                column: "OrganiserUnitPath");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContestPrizes");

            migrationBuilder.DropTable(
                name: "ContestQuestions");

            migrationBuilder.DropTable(
                name: "ContestEntries");

            migrationBuilder.DropTable(
                name: "ContestRounds");

            migrationBuilder.DropTable(
                name: "Contests");
        }
    }
}
