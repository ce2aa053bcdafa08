using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HocVuSo.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Plans4OrganisationOfficer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "OrganisationId",
                table: "StaffAssignments",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_StaffAssignments_OrganisationId",
                table: "StaffAssignments",
                column: "OrganisationId");

            migrationBuilder.AddForeignKey(
                name: "FK_StaffAssignments_Organisations_OrganisationId",
                table: "StaffAssignments",
                column: "OrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_StaffAssignments_Organisations_OrganisationId",
                table: "StaffAssignments");

            migrationBuilder.DropIndex(
                name: "IX_StaffAssignments_OrganisationId",
                table: "StaffAssignments");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "StaffAssignments");
        }
    }
}
