/**
 * The dealer's board. Board updates enter here (newest version per job wins, then it is pushed
 * live); the pages read jobs, replies and texts within the person's tenant and locations only
 * ({@code BoardQueries}), show what stands out first ({@code Standout}), render one card fragment
 * for the first load and every live update ({@code BoardView}), and send a dealer's manual update
 * through the outbox after the same checks as every text ({@code ManualUpdates}).
 */
package io.milepost.notifier.board;
