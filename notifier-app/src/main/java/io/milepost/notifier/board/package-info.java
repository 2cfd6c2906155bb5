/** Where board updates enter: newest version per job wins, then it is pushed live. */
package io.milepost.notifier.board;
