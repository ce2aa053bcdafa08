using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HocVuSo.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Messaging2 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RecipientMasked",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UnitPath",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NotificationChannels",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_UnitPath_CreatedAt",
                table: "OutboxMessages",
                columns: new[] { "UnitPath", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_UnitPath_CreatedAt",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "RecipientMasked",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "UnitPath",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "NotificationChannels",
                table: "AspNetUsers");
        }
    }
}
